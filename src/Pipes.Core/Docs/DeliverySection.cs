using System.Text.Json.Nodes;
using Pipes.Core.Compile;
using Pipes.Core.Load;
using Pipes.Core.Targets;
using Pipes.Core.Properties;

namespace Pipes.Core.Docs;

/// <summary>The delivery page: per destination what the last push sent, refused and skipped; the property rejects with samples.</summary>
public static class DeliverySection
{
    /// <summary>Sample values per (model, column, reason) of the property rejects.</summary>
    public const int RejectSamples = 5;

    public static async Task<JsonObject> ReadAsync(Project project, WarehouseReader warehouse, JsonNode? runSummary, CancellationToken cancellationToken)
    {
        var section = new JsonObject();
        var destinations = new JsonArray();
        var log = warehouse.Has(PublishedTables.PushLog) ? await warehouse.QueryAsync("docs/delivery.sql.scriban", Push(warehouse), 0, cancellationToken) : [];
        var state = warehouse.Has(PublishedTables.PushState) ? await warehouse.QueryAsync("docs/delivery.sql.scriban", Push(warehouse), 1, cancellationToken) : [];
        foreach (var d in project.Destinations.OrderBy(d => d.Name.Value, StringComparer.Ordinal))
        {
            var name = d.Name.Value;
            var entry = new JsonObject
            {
                ["name"] = name,
                ["type"] = d.Type.Value,
                ["mode"] = d.Mode.Value,
                ["dry_run"] = d.DryRun,
                ["properties"] = new JsonArray(d.Properties.Select(p => (JsonNode)JsonValue.Create(p.Value)).ToArray()),
                ["last_run_counts"] = runSummary?["pushes"]?[name]?.DeepClone(),
                ["last_push_log"] = IdentitySection.Rows(log.Where(r => Cells.Text(r[0]) == name).Select(r => r[1..]).ToList(), "run_id", "outcome", "reason", "events", "first_at", "last_at"),
                ["state"] = IdentitySection.Rows(state.Where(r => Cells.Text(r[0]) == name).Select(r => r[1..]).ToList(), "last_outcome", "profiles", "uncertain", "last_pushed_at"),
            };
            if (d.IsWarehouseTable)
            {
                var skipped = PublishedTables.WarehouseSkipped(name);
                entry["skipped"] = warehouse.Has(skipped)
                    ? IdentitySection.Rows(await warehouse.QueryAsync("docs/skipped.sql.scriban", new() { ["skipped"] = warehouse.Relation(skipped) }, 0, cancellationToken), "reason", "rows")
                    : null;
                entry["table"] = PublishedTables.Warehouse(name);
            }
            destinations.Add(entry);
        }
        section["destinations"] = destinations;
        section["push_log_found"] = warehouse.Has(PublishedTables.PushLog);
        if (!warehouse.Has(PublishedTables.PropertyRejects, PublishedTables.PropertyUnmatched))
        {
            section["missing"] = "pipes_property_rejects, pipes_property_unmatched";
            return section;
        }
        var model = () => new Dictionary<string, object?>
        {
            ["rejects"] = warehouse.Relation(PublishedTables.PropertyRejects),
            ["unmatched"] = warehouse.Relation(PublishedTables.PropertyUnmatched),
            ["samples"] = RejectSamples,
        };
        var rejects = IdentitySection.Rows(await warehouse.QueryAsync("docs/rejects.sql.scriban", model(), 0, cancellationToken), "model", "column", "reason", "expected_type", "values");
        var samples = await warehouse.QueryAsync("docs/rejects.sql.scriban", model(), 1, cancellationToken);
        foreach (var reject in rejects.Select(r => r!.AsObject()))
        {
            reject["samples"] = IdentitySection.Rows(samples.Where(s => Cells.Text(s[0]) == (string?)reject["model"] && Cells.Text(s[1]) == (string?)reject["column"] && Cells.Text(s[2]) == (string?)reject["reason"])
                .Select(s => s[3..]).ToList(), "profile_id", "key_value", "raw_value");
        }
        section["rejects"] = rejects;
        section["reject_samples"] = RejectSamples;
        section["unmatched"] = IdentitySection.Rows(await warehouse.QueryAsync("docs/rejects.sql.scriban", model(), 2, cancellationToken), "model", "key_type", "rows", "samples");
        return section;
    }

    private static Dictionary<string, object?> Push(WarehouseReader warehouse) => new()
    {
        ["log"] = warehouse.Relation(PublishedTables.PushLog),
        ["state"] = warehouse.Relation(PublishedTables.PushState),
    };
}
