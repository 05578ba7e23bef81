using System.Text.Json.Nodes;
using Pipes.Core.Compile;
using Pipes.Core.Load;
using Pipes.Core.Plan;
using Pipes.Core.Properties;

namespace Pipes.Core.Docs;

/// <summary>The project page and the node pages: the whole graph, each node's description, columns, tests, file, compiled SQL per target and last run result.</summary>
public static class ProjectSection
{
    /// <param name="compiledByTarget">target name → node id → compiled SQL; a target that did not compile maps to null and is named in <paramref name="targetErrors"/>.</param>
    public static JsonObject Build(Project project, ExecutionPlan plan, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> compiledByTarget,
        IReadOnlyDictionary<string, string> targetErrors, JsonNode? runResults, IReadOnlyDictionary<string, IReadOnlyList<(string Column, string Type)>> catalog)
    {
        var results = (runResults?["results"] as JsonArray ?? [])
            .OfType<JsonObject>().Where(r => r["unique_id"] is not null)
            .GroupBy(r => (string)r["unique_id"]!).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var nodes = new JsonArray();
        foreach (var node in plan.Order)
        {
            var entry = new JsonObject
            {
                ["id"] = node.Id,
                ["kind"] = node.Kind.ToString().ToLowerInvariant(),
                ["name"] = node.Name,
                ["path"] = node.Path,
                ["tags"] = Strings(node.Tags),
                ["depends_on"] = Strings(node.DependsOn),
                ["children"] = Strings(plan.Graph.Children(node.Id).Order(StringComparer.Ordinal)),
                ["executable"] = node.IsExecutable,
                ["tests"] = Strings(plan.Order.Where(t => t.Kind == NodeKind.Test && t.DependsOn.Contains(node.Id)).Select(t => t.Id)),
            };
            Describe(project, node, entry, catalog);
            var compiled = new JsonObject();
            foreach (var (target, sqlById) in compiledByTarget.OrderBy(t => t.Key, StringComparer.Ordinal))
                if (sqlById.TryGetValue(node.Id, out var sql)) compiled[target] = sql;
            entry["compiled"] = compiled;
            entry["last_run"] = results.TryGetValue(node.Id, out var result) ? result.DeepClone() : null;
            nodes.Add(entry);
        }
        return new JsonObject
        {
            ["name"] = project.Name,
            ["target"] = project.Output.Name,
            ["dialect"] = project.Dialect.Name,
            ["targets"] = Strings(compiledByTarget.Keys.Order(StringComparer.Ordinal)),
            ["target_errors"] = new JsonObject(targetErrors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => KeyValuePair.Create(e.Key, (JsonNode?)JsonValue.Create(e.Value)))),
            ["nodes"] = nodes,
            ["run"] = runResults is null ? null : new JsonObject
            {
                ["invocation_id"] = runResults["metadata"]?["invocation_id"]?.DeepClone(),
                ["generated_at"] = runResults["metadata"]?["generated_at"]?.DeepClone(),
                ["elapsed_time"] = runResults["elapsed_time"]?.DeepClone(),
            },
        };
    }

    /// <summary>Description and columns: declared ones from the YAML, with the types the target reports for the node's relation.</summary>
    private static void Describe(Project project, Node node, JsonObject entry, IReadOnlyDictionary<string, IReadOnlyList<(string Column, string Type)>> catalog)
    {
        string? description = null;
        var declared = new List<(string Name, string? Type, string? Description)>();
        string? relation = null;
        switch (node.Kind)
        {
            case NodeKind.Model when project.Models.FirstOrDefault(m => m.Name == node.Name) is { } model:
                description = model.Description;
                declared.AddRange(model.Columns.Select(c => (c.Name.Value, (string?)null, c.Description)));
                relation = model.Name;
                entry["materialized"] = model.Materialized.ToString().ToLowerInvariant();
                entry["source_text"] = model.Sql;
                break;
            case NodeKind.Seed when project.Seeds.FirstOrDefault(s => s.Name == node.Name) is { } seed:
                description = seed.Description;
                declared.AddRange(seed.ColumnTypes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, (string?)c.Value.Value, (string?)null)));
                relation = seed.Name;
                break;
            case NodeKind.Source:
                var parts = node.Name.Split('.', 2);
                var source = project.Sources.FirstOrDefault(s => s.Name.Value == parts[0]);
                var table = source?.Tables.FirstOrDefault(t => t.Name.Value == parts.ElementAtOrDefault(1));
                description = table?.Description ?? source?.Description;
                if (table is not null) declared.AddRange(table.Columns.Select(c => (c.Name.Value, (string?)null, c.Description)));
                if (source is not null && table is not null && string.Equals(source.Schema, project.Output.Schema, StringComparison.OrdinalIgnoreCase)) relation = table.Identifier;
                break;
            case NodeKind.Identity:
                description = "Resolves the identifiers of its inputs into profiles (docs/identity.md); writes pipes_id_graph, pipes_profiles and pipes_id_refused_edges.";
                relation = "pipes_profiles";
                break;
            case NodeKind.Property when project.Properties.FirstOrDefault(p => p.Name.Value == node.Name) is { } property:
                description = $"Typed properties of {property.From.Value}, keyed by {property.KeyColumn.Value} as {property.KeyType.Value}; one row per profile in {PublishedTables.Property(node.Name)}.";
                declared.AddRange(property.Columns.Select(c => (c.Column.Value, (string?)c.Type.Value, (string?)$"{c.Survivorship.Value}; Amplitude name '{c.Amplitude.Value}'")));
                relation = PublishedTables.Property(node.Name);
                break;
            case NodeKind.Push when project.Destinations.FirstOrDefault(d => d.Name.Value == node.Name) is { } destination:
                description = $"Destination {node.Name} ({destination.Type.Value}, mode {destination.Mode.Value}{(destination.DryRun ? ", dry run" : "")}).";
                relation = destination.IsWarehouseTable ? PublishedTables.Warehouse(node.Name) : PublishedTables.Push(node.Name);
                break;
            case NodeKind.Test:
                description = "A data test: its query returns the failing rows.";
                break;
        }
        var built = relation is not null && catalog.TryGetValue(relation.ToLowerInvariant(), out var found) ? found : null;
        var columns = new JsonArray();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, type, text) in declared)
        {
            seen.Add(name);
            var actual = built?.FirstOrDefault(c => string.Equals(c.Column, name, StringComparison.OrdinalIgnoreCase)).Type;
            columns.Add(new JsonObject { ["name"] = name, ["type"] = actual ?? type, ["declared_type"] = type, ["description"] = text });
        }
        foreach (var (name, type) in built?.Where(c => !seen.Contains(c.Column)) ?? [])
            columns.Add(new JsonObject { ["name"] = name, ["type"] = type, ["declared_type"] = null, ["description"] = null });
        entry["description"] = description;
        entry["relation"] = relation;
        entry["relation_found"] = built is not null;
        entry["columns"] = columns;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
