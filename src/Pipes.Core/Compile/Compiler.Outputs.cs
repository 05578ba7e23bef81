using Pipes.Core.Diagnostics;
using Pipes.Core.Plan;
using Scriban.Runtime;
using Pipes.Core.Properties;

namespace Pipes.Core.Compile;

/// <summary>
/// Outputs that change in place: every identity, property and push table is computed into a scratch table and
/// published by one template (templates/outputs/publish.sql.scriban), which writes only the rows that changed.
/// </summary>
public sealed partial class Compiler
{
    /// <summary>The model of one published output; columns are named unquoted and typed with portable types.</summary>
    private PublishedOutput Published(Node node, string table, IEnumerable<string> key, IEnumerable<(string Column, string Type)> compared) => new(
        table,
        node.Id,
        _relations.Model(table),
        _relations.Model(PublishedTables.Scratch(table)),
        _relations.Model(PublishedTables.Changes(table)),
        _relations.Model(PublishedOutput.CountsTable),
        key.Select(_project.Dialect.Quote).ToList(),
        compared.Select(c => (_project.Dialect.Quote(c.Column), c.Type)).ToList(),
        _project.Spec.Outputs.ChangeTrackingFor(table)) { ColumnTypes = _relations.Model(PublishedOutput.ColumnTypesTable) };

    /// <summary>The statements that publish <paramref name="output"/> from its scratch table.</summary>
    private List<string>? PublishStatements(PublishedOutput output, DiagnosticBag bag)
    {
        var globals = Globals(output.Live);
        globals.SetValue("o", output.ToScript(), true);
        var publish = Statements("outputs/publish.sql.scriban", globals, bag);
        var record = output.DryRun ? [] : Statements("outputs/record_column_types.sql.scriban", globals, bag);
        return publish is null || record is null ? null : [.. publish, .. record];
    }

    private List<string> PublishStatements(PublishedOutput output)
    {
        var bag = new DiagnosticBag();
        return PublishStatements(output, bag) ?? throw new InvalidOperationException(string.Join("\n", bag.Items));
    }

    /// <summary>
    /// The identity node's three outputs, in publishing order, each scoped to the keys of the components this run
    /// touched (every key after a reset; none in a run with nothing new): finish.sql.scriban fills the scopes.
    /// </summary>
    private IReadOnlyList<PublishedOutput> IdentityOutputs(Node node)
    {
        var t = IdentitySqlModel.Tables;
        var types = _project.Identity!.Rules.TypesInPriorityOrder();
        List<PublishedOutput> outputs =
        [
            Published(node, t["graph"], ["id_type", "id_value"], [("node_key", "integer"), ("canonical_key", "integer"), ("profile_id", "string")]),
            Published(node, t["refused"], ["from_type", "from_value", "to_type", "to_value"],
                [("from_key", "integer"), ("to_key", "integer"), ("first_seen", "datetime"), ("limit_type", "string"), ("edge_strength", "integer")]),
            Published(node, t["profiles"], ["profile_id"],
            [
                ("canonical_key", "integer"), ("canonical_type", "string"), ("canonical_value", "string"), ("identifiers", "integer"),
                .. types.Select(type => ("n_" + type.Name, "integer")),
                ("first_seen", "datetime"), ("last_seen", "datetime"),
                ("amplitude_user_ids", "array"), ("amplitude_device_ids", "array"), ("addressable", "boolean"),
            ]),
        ];
        return outputs.Select(o => o with { Scope = _relations.Model(PublishedTables.Scope(o.Name)) }).ToList();
    }

    /// <summary>A property table: one row per profile, a column per property.</summary>
    private PublishedOutput PropertyOutput(Node node, IEnumerable<(string Name, string Type, string Survivorship)> columns) =>
        Published(node, PublishedTables.Property(node.Name), ["profile_id"], columns.Select(c => (c.Name, c.Survivorship == "count" ? "integer" : c.Type)));

    /// <summary>A push relation: one row per (profile, Amplitude id); user_id or device_id is NULL, so keys compare NULL-safely.</summary>
    private PublishedOutput PushOutput(Node node) =>
        Published(node, PublishedTables.Push(node.Name), ["profile_id", "user_id", "device_id"], [("properties", "object"), ("content_hash", "string")]);

    /// <summary>
    /// Drops a published output whose columns differ from what this run publishes (a property or id type added or
    /// removed): the runner probes the catalog before the node's statements, drops only then and says so, and
    /// publishing creates the table afresh. A <see cref="KindGuard"/> with a column probe instead of a kind probe.
    /// With <paramref name="exact"/> false (map_remaining models, whose other columns are found at run time) only
    /// missing columns count.
    /// </summary>
    private KindGuard? ColumnGuard(PublishedOutput output, bool exact, DiagnosticBag bag) =>
        ColumnGuard(output.Name, output.CatalogColumns.Select(c => (c.Name, (string?)c.Type)), exact, bag);

    /// <summary>
    /// The column guard of <paramref name="table"/>: <paramref name="columns"/> are the names this run writes, as the
    /// catalog stores them, each with the portable type recorded for it at publishing (null for a table that is not a
    /// published output: then only names compare, and the probe reads no record).
    /// </summary>
    private KindGuard? ColumnGuard(string table, IEnumerable<(string Name, string? Type)> columns, bool exact, DiagnosticBag bag)
    {
        var dialect = _project.Dialect;
        var (database, schema) = (_project.Output.Database, _project.Output.Schema);
        var expected = columns.ToList();
        var globals = Globals(_relations.Model(table));
        globals.SetValue("o", new ScriptObject
        {
            ["name"] = table,
            ["column_types_table"] = _relations.Model(PublishedOutput.ColumnTypesTable),
            ["column_types"] = new ScriptArray(expected.Select(c => new ScriptObject { ["name"] = c.Name, ["type"] = c.Type ?? "" })),
        }, true);
        globals.SetValue("typed", expected.Any(c => c.Type is not null), true);
        globals.SetValue("columns", dialect.ColumnsCatalog(database), true);
        globals.SetValue("database", database is null ? "CURRENT_DATABASE()" : dialect.StringLiteral(dialect.NormalizeIdentifier(database)), true);
        globals.SetValue("schema", schema is null ? "CURRENT_SCHEMA()" : dialect.StringLiteral(dialect.NormalizeIdentifier(schema)), true);
        globals.SetValue("name", dialect.StringLiteral(dialect.NormalizeIdentifier(table)), true);
        globals.SetValue("exact", exact, true);
        // The last two statements are the probe and the drop; any before them (the record table) is the setup.
        var statements = Statements("outputs/drop_other_columns.sql.scriban", globals, bag);
        return statements is null ? null : new KindGuard(statements[^2], statements[^1]) { Setup = statements[..^2] };
    }
}
