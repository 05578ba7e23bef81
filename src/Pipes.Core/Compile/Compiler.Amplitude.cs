using Pipes.Core.Diagnostics;
using Pipes.Core.Properties;
using Pipes.Core.Plan;
using Scriban.Runtime;

namespace Pipes.Core.Compile;

/// <summary>
/// The tables Amplitude reads from the warehouse (docs/amplitude-warehouse.md): <c>amplitude_profiles</c> (one row per
/// user_id, a typed column per property) and <c>amplitude_mirror</c> (events re-keyed to their profile's user_id).
/// The node computes the scratch table; the destination step publishes it (templates/outputs/publish.sql.scriban)
/// or, dry-running, only computes the difference.
/// </summary>
public sealed partial class Compiler
{
    private CompiledNode? CompileWarehouseDestination(Node node, DestinationSpec destination, DiagnosticBag bag)
    {
        var rules = _project.Identity!.Rules;
        if (destination.Type.Value == DestinationSpec.Mirror && (rules.Types.All(t => t.Name != rules.AmplitudeUserIdType) || rules.Types.All(t => t.Name != rules.AmplitudeDeviceIdType)))
        {
            bag.Error(DiagnosticCodes.UnknownEventsRelation, destination.Type.Span,
                $"amplitude_mirror resolves events by their {rules.AmplitudeUserIdType} and {rules.AmplitudeDeviceIdType}, and the identity rules do not declare both", "add both id types under identity.id_types");
            return null;
        }
        var table = PublishedTables.Warehouse(destination.Name.Value);
        var template = destination.Type.Value == DestinationSpec.Profiles ? "amplitude/profiles.sql.scriban" : "amplitude/mirror.sql.scriban";
        // The node's relation is the scratch table: the table Amplitude reads changes only in the destination step.
        var compiled = Finish(node, _relations.Model(PublishedTables.Scratch(table)), destination.Type.Value, template, WarehouseGlobals(destination), bag);
        // Checked now so a broken publish template fails the compile, not the destination step.
        if (compiled is null || PublishStatements(WarehouseOutput(destination, node.Id, dryRun: false), bag) is null) return null;
        return compiled;
    }

    /// <summary>The statements the destination step runs: publish the scratch table, or with <paramref name="dryRun"/> only compute the difference.</summary>
    /// <param name="compareWith">With <paramref name="dryRun"/>, the table to compare the scratch with instead of the live
    /// one (<see cref="WarehousePreview"/>).</param>
    public IReadOnlyList<string> WarehousePublish(DestinationSpec destination, string nodeId, bool dryRun, string? compareWith = null) =>
        PublishStatements(compareWith is null ? WarehouseOutput(destination, nodeId, dryRun) : WarehouseOutput(destination, nodeId, dryRun) with { Live = compareWith });

    /// <summary>
    /// For a dry run when columns would be retyped: a copy of the live table with those columns emptied and retyped
    /// (<c>&lt;table&gt;_preview</c>), so the difference is what publishing after the ALTERs writes, and the old type
    /// is never compared with the new; the last statement drops it.
    /// </summary>
    public (string Table, IReadOnlyList<string> Create, string Drop) WarehousePreview(DestinationSpec destination, IReadOnlyDictionary<string, string?> live)
    {
        var table = PublishedTables.Warehouse(destination.Name.Value);
        var preview = _relations.Model(PublishedTables.WarehousePreview(destination.Name.Value));
        var (alter, _, _, _) = WarehouseAlter(destination, live, preview);
        return (preview, [$"CREATE OR REPLACE TABLE {preview} AS SELECT * FROM {_relations.Model(table)}", .. alter], $"DROP TABLE IF EXISTS {preview}");
    }

    /// <summary>
    /// The statements that read the columns the live table has (none when it does not exist yet), each with the portable
    /// type it was last published with: the record table's creation, then the catalog query (its last statement).
    /// </summary>
    public IReadOnlyList<string> WarehouseColumnsQuery(DestinationSpec destination)
    {
        var dialect = _project.Dialect;
        var (database, schema) = (_project.Output.Database, _project.Output.Schema);
        var globals = Globals(_relations.Model(PublishedTables.Warehouse(destination.Name.Value)));
        globals.SetValue("o", WarehouseOutput(destination, "", dryRun: false).ToScript(), true);
        globals.SetValue("columns", dialect.ColumnsCatalog(database), true);
        globals.SetValue("database", database is null ? "CURRENT_DATABASE()" : dialect.StringLiteral(dialect.NormalizeIdentifier(database)), true);
        globals.SetValue("schema", schema is null ? "CURRENT_SCHEMA()" : dialect.StringLiteral(dialect.NormalizeIdentifier(schema)), true);
        globals.SetValue("name", dialect.StringLiteral(dialect.NormalizeIdentifier(PublishedTables.Warehouse(destination.Name.Value))), true);
        return RenderStatements("amplitude/columns.sql.scriban", globals);
    }

    /// <summary>
    /// A property mapped, unmapped or retyped since the table was created: ALTER TABLE adds or drops that column (a
    /// retyped one is dropped and added again), since a replaced table breaks Amplitude's change data capture. The
    /// following MERGE then fills an added column (counted as updates). <paramref name="live"/>: each live column with
    /// the portable type it was last published with (null when not recorded, e.g. by an older Pipes).
    /// </summary>
    public (IReadOnlyList<string> Statements, IReadOnlyList<string> Added, IReadOnlyList<string> Dropped, IReadOnlyList<string> Retyped) WarehouseAlter(
        DestinationSpec destination, IReadOnlyDictionary<string, string?> live, string? table = null)
    {
        if (live.Count == 0) return ([], [], [], []); // not created yet: publishing creates it
        var output = WarehouseOutput(destination, "", dryRun: false);
        if (table is not null) output = output with { Live = table }; // the preview copy, altered the same way
        var expected = output.Key.Select(k => (Column: k, Type: "string")).Concat(output.Compared)
            .Select(c => (c.Column, c.Type, Name: PublishedOutput.CatalogName(c.Column))).ToList();
        var added = expected.Where(c => !live.ContainsKey(c.Name)).ToList();
        var retyped = expected.Skip(output.Key.Count).Where(c => live.GetValueOrDefault(c.Name) is { } recorded && recorded != c.Type).ToList();
        var dropped = live.Keys.Where(l => expected.All(c => c.Name != l)).ToList();
        var statements = retyped.Select(c => $"ALTER TABLE {output.Live} DROP COLUMN {c.Column}")
            .Concat(added.Concat(retyped).Select(c => $"ALTER TABLE {output.Live} ADD COLUMN {c.Column} {_project.Dialect.TypeName(c.Type)}"))
            .Concat(dropped.Select(d => $"ALTER TABLE {output.Live} DROP COLUMN {_project.Dialect.Quote(d)}")).ToList();
        return (statements, added.Select(c => c.Name).ToList(), dropped, retyped.Select(c => c.Name).ToList());
    }

    /// <summary>One row: inserted, updated, deleted, re-keyed (events whose user_id changed), skipped.</summary>
    public string WarehouseReport(DestinationSpec destination)
    {
        var globals = Globals(_relations.Model(PublishedTables.Warehouse(destination.Name.Value)));
        globals.SetValue("changes", _relations.Model(PublishedTables.Changes(PublishedTables.Warehouse(destination.Name.Value))), true);
        globals.SetValue("skipped", _relations.Model(PublishedTables.WarehouseSkipped(destination.Name.Value)), true);
        globals.SetValue("mirror", destination.Type.Value == DestinationSpec.Mirror, true);
        return RenderStatements("amplitude/report.sql.scriban", globals).Single();
    }

    private PublishedOutput WarehouseOutput(DestinationSpec destination, string nodeId, bool dryRun)
    {
        var table = PublishedTables.Warehouse(destination.Name.Value);
        var (key, compared) = destination.Type.Value == DestinationSpec.Profiles
            ? (["user_id"], DestinationColumns(destination).Select(p => (p.Amplitude, p.Type)).ToList())
            // Keyed on what Mirror Sync matches events by, so a re-keyed event is a DELETE and an INSERT, never an UPDATE.
            : (new List<string> { "user_id", "insert_id", "event_time" }, new List<(string, string)> { ("device_id", "string"), ("event_type", "string") });
        // Change tracking is what Amplitude's change data capture reads: always on, whatever outputs: says.
        return new PublishedOutput(table, nodeId, _relations.Model(table), _relations.Model(PublishedTables.Scratch(table)),
            _relations.Model(PublishedTables.Changes(table)), _relations.Model(PublishedOutput.CountsTable),
            key.Select(_project.Dialect.Quote).ToList(), compared.Select(c => (_project.Dialect.Quote(c.Item1), c.Item2)).ToList(), ChangeTracking: true)
        {
            RetentionDays = destination.RetentionDays?.Value ?? DestinationSpec.DefaultRetentionDays,
            DryRun = dryRun,
            ColumnTypes = _relations.Model(PublishedOutput.ColumnTypesTable),
        };
    }

    private ScriptObject WarehouseGlobals(DestinationSpec destination)
    {
        var table = PublishedTables.Warehouse(destination.Name.Value);
        var globals = Globals(_relations.Model(table));
        globals.SetValue("scratch", _relations.Model(PublishedTables.Scratch(table)), true);
        globals.SetValue("skipped", _relations.Model(PublishedTables.WarehouseSkipped(destination.Name.Value)), true);
        globals.SetValue("profiles", _relations.Model(IdentitySqlModel.Tables["profiles"]), true);
        globals.SetValue("graph", _relations.Model(IdentitySqlModel.Tables["graph"]), true);
        globals.SetValue("name", destination.Name.Value, true);
        if (destination.Type.Value == DestinationSpec.Profiles)
        {
            var columns = DestinationColumns(destination);
            var tables = columns.Select(c => c.Table).Distinct().ToList();
            globals.SetValue("tables", new ScriptArray(tables.Select((t, i) => new ScriptObject
            {
                ["relation"] = t,
                ["alias"] = $"p{i + 1}",
                ["sources"] = new ScriptArray(columns.Where(c => c.Table == t).Select(c => $"p{i + 1}.{_project.Dialect.Quote(c.Column)}")),
            })), true);
            globals.SetValue("properties", new ScriptArray(columns.Select(c => new ScriptObject
            {
                ["source"] = $"p{tables.IndexOf(c.Table) + 1}.{_project.Dialect.Quote(c.Column)}",
                ["column"] = _project.Dialect.Quote(c.Amplitude),
            })), true);
            return globals;
        }
        var rules = _project.Identity!.Rules;
        globals.SetValue("events", FromRelation(destination.Events!.Value), true);
        globals.SetValue("insert_id", _project.Dialect.Quote(destination.InsertId?.Value ?? "insert_id"), true);
        globals.SetValue("user_type", IdentitySqlModel.Type(rules.Types.First(t => t.Name == rules.AmplitudeUserIdType)), true);
        globals.SetValue("device_type", IdentitySqlModel.Type(rules.Types.First(t => t.Name == rules.AmplitudeDeviceIdType)), true);
        return globals;
    }
}
