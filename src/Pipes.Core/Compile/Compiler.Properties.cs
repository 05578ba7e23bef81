using Pipes.Core.Diagnostics;
using Pipes.Core.Properties;
using Pipes.Core.Plan;
using Pipes.Core.Templating;
using Scriban.Runtime;

namespace Pipes.Core.Compile;

/// <summary>Property models (typed, survivorship, rejects) and each destination's push relation.</summary>
public sealed partial class Compiler
{
    /// <summary>Amplitude drops string values longer than this; they go to the rejects table instead.</summary>
    private const int MaxAmplitudeString = 1024;

    /// <summary>Amplitude refuses values nested deeper than this; they go to the rejects table instead.</summary>
    private const int MaxAmplitudeDepth = 40;

    private CompiledNode? CompileProperty(Node node, DiagnosticBag bag)
    {
        var model = _project.Properties.First(p => p.Name.Value == node.Name);
        var relation = _relations.Model(PublishedTables.Property(node.Name));
        var keyType = _project.Identity!.Rules.Types.FirstOrDefault(t => t.Name == model.KeyType.Value);
        if (keyType is null) return null; // reported by the validator
        var declared = model.Columns.Select(c => (Name: c.Column.Value, Type: c.Type.Value, Survivorship: c.Survivorship.Value)).ToList();
        var output = PropertyOutput(node, declared);
        var globals = PropertyGlobals(model, keyType, relation, declared, output);
        var statements = PropertyModelStatements(node, globals, output, bag);
        if (statements is null || ColumnGuard(output, !model.MapRemaining, bag) is not { } guard || RowsGuard(model, declared, !model.MapRemaining, bag) is not { } rows) return null;
        if (Statements("properties/note.sql.scriban", globals, bag) is not [var note]) return null;
        var compiled = new CompiledNode(node, relation, "property", statements) { Guard = guard with { Then = rows }, Note = new NodeNote(note) };
        if (!model.MapRemaining) return compiled;

        // map_remaining: the other columns of the relation are only known to the warehouse, so the runner reads them;
        // the column guards need every column with its type, so they run with the statements, once those are known.
        var step = new ColumnExpansionStep(node, [DescribeQuery(FromName(model.From.Value))], []);
        var preview = PropertyExpansion(node, [(ColumnExpansionStep.Placeholder, "string", "latest")], "");
        return compiled with { Guard = null, Statements = [], Host = step with { Preview = [.. preview.Guard!.Text, .. preview.Statements] } };
    }

    /// <inheritdoc />
    public ColumnExpansion Expand(ColumnExpansionStep step, IReadOnlyList<IReadOnlyList<DiscoveredColumn>> found) =>
        step.Node.Kind == NodeKind.Property ? ExpandProperty(step, found) : ExpandPush(step, found);

    private ColumnExpansion ExpandProperty(ColumnExpansionStep step, IReadOnlyList<IReadOnlyList<DiscoveredColumn>> found)
    {
        var model = _project.Properties.First(p => p.Name.Value == step.Node.Name);
        var taken = new HashSet<string>(model.Columns.Select(c => c.Column.Value).Append(model.KeyColumn.Value).Append(model.UpdatedAt!.Value), StringComparer.OrdinalIgnoreCase);
        if (model.UniqueKey is not null) taken.Add(model.UniqueKey.Value);
        var (extra, skipped) = RemainingColumns(found[0], taken);
        return PropertyExpansion(step.Node, extra, $"{extra.Count} remaining columns mapped{(skipped.Count == 0 ? "" : "; skipped: " + string.Join(", ", skipped))}");
    }

    /// <summary>
    /// A map_remaining property model's statements with the declared columns and <paramref name="extra"/> after them,
    /// behind exact column guards of its table and kept rows: a column that changed type (or came or went) replaces them.
    /// </summary>
    private ColumnExpansion PropertyExpansion(Node node, IReadOnlyList<(string Name, string Type, string Survivorship)> extra, string note)
    {
        var model = _project.Properties.First(p => p.Name.Value == node.Name);
        var keyType = _project.Identity!.Rules.Types.First(t => t.Name == model.KeyType.Value);
        var columns = model.Columns.Select(c => (Name: c.Column.Value, Type: c.Type.Value, Survivorship: c.Survivorship.Value)).Concat(extra).ToList();
        var output = PropertyOutput(node, columns);
        var bag = new DiagnosticBag();
        var statements = PropertyModelStatements(node, PropertyGlobals(model, keyType, _relations.Model(PublishedTables.Property(node.Name)), columns, output), output, bag);
        var guard = ColumnGuard(output, exact: true, bag);
        var rows = RowsGuard(model, columns, exact: true, bag);
        if (statements is null || guard is null || rows is null) throw new InvalidOperationException(string.Join("\n", bag.Items));
        return new ColumnExpansion(guard with { Then = rows }, statements, note);
    }

    private ScriptObject PropertyGlobals(PropertyModelSpec model, Identity.IdTypeRule keyType, string relation, IReadOnlyList<(string Name, string Type, string Survivorship)> columns, PublishedOutput output)
    {
        var dialect = _project.Dialect;
        var globals = Globals(relation);
        globals.SetValue("max_string", MaxAmplitudeString, true);
        globals.SetValue("max_depth", MaxAmplitudeDepth, true);
        // The integer range on every engine (docs/properties.md): a `sum` total outside it is a reject.
        globals.SetValue("max_integer", Dialects.Dialect.MaxInteger, true);
        globals.SetValue("min_integer", "-" + Dialects.Dialect.MinIntegerMagnitude, true);
        globals.SetValue("o", output.ToScript(), true);
        var name = model.Name.Value;
        var tables = new ScriptObject
        {
            ["graph"] = _relations.Model(IdentitySqlModel.Tables["graph"]),
            ["rows"] = _relations.Model(PublishedTables.PropertyRows(name)),
            ["table"] = relation,
            ["next"] = _relations.Model(PublishedTables.Scratch(PublishedTables.Property(name))),
            ["rejects"] = _relations.Model(PublishedTables.PropertyRejects),
            ["unmatched"] = _relations.Model(PublishedTables.PropertyUnmatched),
            ["state"] = _relations.Model(PublishedTables.PropertiesState),
        };
        foreach (var step in PublishedTables.PropertyWorkSteps) tables[step] = _relations.Model(PublishedTables.PropertyWork(step, name));
        globals.SetValue("t", tables, true);
        // The iterator of the input's incremental: (docs/identity.md, Incremental runs), read as identity reads it.
        var declarations = _project.IncrementalInputs.GetValueOrDefault(model.From.Value);
        var incremental = declarations?.Incremental;
        var iterator = incremental is null ? null : incremental.Iterator?.Value ?? declarations!.ObservedAt?.Value;
        var numeric = iterator is not null && incremental!.NumericIterator;
        globals.SetValue("model", new ScriptObject
        {
            ["name"] = name,
            ["from_label"] = model.From.Value,
            ["from_relation"] = FromRelation(model.From.Value),
            ["key_column"] = dialect.Quote(model.KeyColumn.Value),
            ["key_type"] = IdentitySqlModel.Type(keyType),
            ["updated_at"] = model.UpdatedAt is null ? null : dialect.Quote(model.UpdatedAt.Value),
            ["updated_at_name"] = model.UpdatedAt?.Value,
            ["unique_key"] = model.UniqueKey is null ? null : dialect.Quote(model.UniqueKey.Value),
            ["unique_key_name"] = model.UniqueKey?.Value,
            ["iterator_name"] = iterator,
            ["iterator"] = iterator is null ? null
                : numeric ? dialect.SafeCast(dialect.Quote(iterator), "number") : dialect.CoerceColumnDatetime(dialect.Quote(iterator)),
            ["numeric"] = numeric,
            ["lookback"] = incremental?.Lookback ?? 0,
            ["columns"] = new ScriptArray(columns.Select((c, i) => new ScriptObject
            {
                ["no"] = i + 1,
                ["name"] = c.Name,
                ["column"] = dialect.Quote(c.Name),
                ["type"] = c.Type,
                ["survivorship"] = c.Survivorship,
                ["value"] = ValueColumn(i + 1, c.Type),
            })),
        }, true);
        return globals;
    }

    /// <summary>Remaining columns as <c>latest</c> properties named after themselves; names Amplitude refuses are skipped.</summary>
    private (List<(string Name, string Type, string Survivorship)> Columns, List<string> Skipped) RemainingColumns(IReadOnlyList<DiscoveredColumn> found, HashSet<string> taken)
    {
        var columns = new List<(string, string, string)>();
        var skipped = new List<string>();
        foreach (var column in found.Where(c => !taken.Contains(c.Name)))
        {
            var name = column.Name.ToLowerInvariant(); // Snowflake reports unquoted names upper-case
            if (AmplitudeNames.Problem(name) is { } problem) skipped.Add($"{name} ({problem})");
            else columns.Add((name, _project.Dialect.PropertyTypeOf(column.DataType, column.Scale), "latest"));
        }
        return (columns, skipped);
    }

    private string DescribeQuery((string? Schema, string Name) table)
    {
        var globals = Globals(table.Name);
        globals.SetValue("name", table.Name, true);
        globals.SetValue("schema", table.Schema, true);
        return RenderStatements("properties/describe.sql.scriban", globals).Single();
    }

    /// <summary>Where a <c>from</c> lives, unquoted: (schema, table).</summary>
    private (string? Schema, string Name) FromName(string from)
    {
        var parts = from.Split('.', 2);
        if (parts.Length == 1) return (_project.Output.Schema, from);
        var source = _project.Sources.First(s => s.Name.Value == parts[0]);
        return (source.Schema, source.Tables.First(t => t.Name.Value == parts[1]).Identifier);
    }

    /// <summary>Renders at run time (columns discovered); the template was checked when the node compiled.</summary>
    private IReadOnlyList<string> RenderStatements(string templatePath, ScriptObject globals)
    {
        var bag = new DiagnosticBag();
        return Statements(templatePath, globals, bag) ?? throw new InvalidOperationException(string.Join("\n", bag.Items));
    }

    private CompiledNode? CompilePush(Node node, DiagnosticBag bag)
    {
        var destination = _project.Destinations.First(d => d.Name.Value == node.Name);
        if (destination.IsWarehouseTable) return CompileWarehouseDestination(node, destination, bag);
        var relation = _relations.Model(PublishedTables.Push(node.Name));
        var declared = DestinationColumns(destination);
        var compiled = Finish(node, relation, "push", "properties/push_relation.sql.scriban", PushGlobals(destination, relation, declared), bag);
        if (compiled is null || PublishStatements(PushOutput(node), bag) is not { } publish) return null;
        compiled = compiled with { Statements = [.. compiled.Statements, .. publish] };
        var expanding = PropertySelection.Models(_project, destination).Where(m => m.MapRemaining && Selects(destination, m)).ToList();
        if (compiled is null || expanding.Count == 0) return compiled;

        // The remaining columns of map_remaining models exist only once their property tables are built.
        var step = new ColumnExpansionStep(node, expanding.Select(m => DescribeQuery((_project.Output.Schema, PublishedTables.Property(m.Name.Value)))).ToList(), []);
        var preview = expanding.Select(m => (_relations.Model(PublishedTables.Property(m.Name.Value)), ColumnExpansionStep.Placeholder, "string", ColumnExpansionStep.Placeholder)).Take(1).ToList();
        return compiled with { Statements = [], Host = step with { Preview = PushStatements(node, destination, preview) } };
    }

    private ColumnExpansion ExpandPush(ColumnExpansionStep step, IReadOnlyList<IReadOnlyList<DiscoveredColumn>> found)
    {
        var destination = _project.Destinations.First(d => d.Name.Value == step.Node.Name);
        var expanding = PropertySelection.Models(_project, destination).Where(m => m.MapRemaining && Selects(destination, m)).ToList();
        var extra = new List<(string Table, string Column, string Type, string Amplitude)>();
        var used = DestinationColumns(destination).Select(p => p.Amplitude).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < expanding.Count; i++)
        {
            var known = expanding[i].Columns.Select(c => c.Column.Value).Append("profile_id").ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var column in found[i].Where(c => !known.Contains(c.Name)))
            {
                var name = column.Name.ToLowerInvariant();
                if (!used.Add(name)) continue; // a declared property already sends this Amplitude name
                extra.Add((_relations.Model(PublishedTables.Property(expanding[i].Name.Value)), name, _project.Dialect.PropertyTypeOf(column.DataType, column.Scale), name));
            }
        }
        // The push relation's columns are fixed (the properties are one object), so its compiled guard stands.
        return new ColumnExpansion(null, PushStatements(step.Node, destination, extra), $"{extra.Count} remaining columns included");
    }

    /// <summary>A destination's push relation with its declared properties and <paramref name="extra"/> after them.</summary>
    private List<string> PushStatements(Node node, DestinationSpec destination, IReadOnlyList<(string Table, string Column, string Type, string Amplitude)> extra)
    {
        var relation = _relations.Model(PublishedTables.Push(destination.Name.Value));
        var properties = DestinationColumns(destination).Concat(extra).ToList();
        return RenderStatements("properties/push_relation.sql.scriban", PushGlobals(destination, relation, properties))
            .Concat(PublishStatements(PushOutput(node))).ToList();
    }

    /// <summary>The declared property columns a destination sends (push or profiles), named as Amplitude shows them.</summary>
    private List<(string Table, string Column, string Type, string Amplitude)> DestinationColumns(DestinationSpec destination) =>
        PropertySelection.Columns(_project, destination).Select(pc => (
            Table: _relations.Model(PublishedTables.Property(pc.Model.Name.Value)),
            Column: pc.Column.Column.Value,
            Type: pc.Column.Survivorship.Value == "count" ? "integer" : pc.Column.Type.Value,
            Amplitude: pc.Column.Amplitude.Value)).ToList();

    /// <summary>Whether a destination sends the whole model (where remaining columns belong), not picked columns.</summary>
    private static bool Selects(DestinationSpec destination, PropertyModelSpec model) =>
        destination.Properties.Count == 0 || destination.Properties.Any(p => p.Value == model.Name.Value + ".*" || p.Value == model.Name.Value);

    private ScriptObject PushGlobals(DestinationSpec destination, string relation, IReadOnlyList<(string Table, string Column, string Type, string Amplitude)> properties)
    {
        var globals = Globals(relation);
        globals.SetValue("scratch", _relations.Model(PublishedTables.Scratch(PublishedTables.Push(destination.Name.Value))), true);
        globals.SetValue("left_out", _relations.Model(PublishedTables.PushLeftOut(destination.Name.Value)), true);
        globals.SetValue("profiles", _relations.Model(IdentitySqlModel.Tables["profiles"]), true);
        globals.SetValue("observations", _relations.Model(IdentitySqlModel.Tables["observations"]), true);
        var inputs = _project.Identity!.Inputs;
        // Input numbers follow IdentitySqlModel's numbering of the identity inputs (1-based, in their order).
        globals.SetValue("amplitude_inputs", destination.Mode.Value == "update_only"
            ? new ScriptArray(Enumerable.Range(1, inputs.Count).Where(n => inputs[n - 1].Declarations.InAmplitude))
            : null, true);
        globals.SetValue("user_type", _project.Identity.Rules.AmplitudeUserIdType, true);
        globals.SetValue("device_type", _project.Identity.Rules.AmplitudeDeviceIdType, true);
        globals.SetValue("destination", new ScriptObject
        {
            ["name"] = destination.Name.Value,
            ["properties"] = new ScriptArray(properties.Select(p => new ScriptObject
            {
                ["table"] = p.Table,
                ["column"] = p.Column,
                ["type"] = p.Type,
                ["amplitude"] = p.Amplitude,
            })),
        }, true);
        return globals;
    }

    private string FromRelation(string from)
    {
        var parts = from.Split('.', 2);
        return parts.Length == 2 ? _relations.Source(parts[0], parts[1]) : _relations.Model(from);
    }
}
