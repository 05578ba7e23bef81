using Pipes.Core.Diagnostics;
using Pipes.Core.Plan;
using Pipes.Core.Properties;
using Pipes.Core.Templating;
using Scriban.Runtime;

namespace Pipes.Core.Compile;

/// <summary>
/// What makes a property model incremental (docs/properties.md, Incremental runs): its statements with the hash its
/// state records, and the guard that drops kept rows of another layout.
/// </summary>
public sealed partial class Compiler
{
    /// <summary>
    /// The model's statements, then publishing, then its state (after the outputs, so a failed run is recomputed in
    /// full). The state records a hash of the model's statements (rendered as a plain run): a run under other
    /// statements (columns, rules, a Pipes upgrade) reads every row again.
    /// </summary>
    private List<string>? PropertyModelStatements(Node node, ScriptObject globals, PublishedOutput output, DiagnosticBag bag)
    {
        globals.SetValue("rules_hash", "", true);
        globals.SetValue("full_refresh", false, true);
        var plain = Statements("properties/model.sql.scriban", globals, bag);
        if (plain is null) return null;
        globals.SetValue("rules_hash", SqlStatements.Hash(plain), true);
        globals.SetValue("full_refresh", _options.FullRefresh, true);
        var statements = Statements("properties/model.sql.scriban", globals, bag);
        var publish = PublishStatements(output, bag);
        var commit = Statements("properties/commit.sql.scriban", globals, bag);
        return statements is null || publish is null || commit is null ? null : [.. statements, .. publish, .. commit];
    }

    /// <summary>
    /// Drops the kept rows when their table has other columns than this run writes (a column added, removed or of
    /// another type: each typed column's name carries its type), before the model creates it again. With
    /// <paramref name="exact"/> false (map_remaining: the other columns are found at run time) only missing columns count.
    /// </summary>
    private KindGuard? RowsGuard(PropertyModelSpec model, IReadOnlyList<(string Name, string Type, string Survivorship)> columns, bool exact, DiagnosticBag bag)
    {
        var dialect = _project.Dialect;
        var name = PublishedTables.PropertyRows(model.Name.Value);
        string[] fixedColumns = ["row_key", "profile_id", "key_value", "key_normalized", "raw_updated_at", "r_updated_at", "updated_at", "unique_value", "iterator_at", "iterator_number"];
        var expected = fixedColumns.Concat(columns.SelectMany((c, i) => c.Type == "string"
            ? new[] { $"raw_{i + 1}", ValueColumn(i + 1, c.Type) }
            : [$"raw_{i + 1}", $"r_{i + 1}", ValueColumn(i + 1, c.Type)]));
        // Not a published output: no types recorded (its column names carry them), so only names compare.
        return ColumnGuard(name, expected.Select(c => (dialect.NormalizeIdentifier(c), (string?)null)), exact, bag);
    }

    /// <summary>A kept row's typed value of property column <paramref name="no"/>: <c>v_&lt;no&gt;_&lt;type&gt;</c>.</summary>
    private static string ValueColumn(int no, string type) => $"v_{no}_{type}";
}
