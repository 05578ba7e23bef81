using System.Text.Json.Nodes;
using Pipes.Core.Compile;
using Pipes.Core.Diagnostics;
using Pipes.Core.Load;
using Pipes.Core.Push;
using Pipes.Core.Targets;
using Pipes.Core.Tasks;
using static Pipes.Core.RulePlan.RulePlanReport;
using Pipes.Core.Properties;
using Pipes.Core.Templating;

namespace Pipes.Core.RulePlan;

/// <summary>
/// What the next push of each destination would do, computed in the shadow by the push's own code: the
/// <see cref="Pusher"/> in dry-run mode for <c>$identify</c> destinations (its payload file is the exact request
/// bodies, API key redacted), the <see cref="WarehouseDestinationStep"/> dry run for the tables Amplitude reads.
/// The shadow's push state is a copy of the live one, so the difference is the one the next push would find.
/// </summary>
/// <remarks>Run once on the fresh clone (what the next push does without the change) and once after the shadow build.</remarks>
public sealed class DestinationPreview(Project shadowProject, ITarget target, TemplateCatalog catalog, ShadowSchema shadow, string planDirectory, int examples)
{
    public sealed record Outcome(DestinationPlan? Plan, Diagnostic? Error);

    public async Task<Outcome> PreviewAsync(DestinationSpec spec, string planId, CancellationToken cancellationToken)
    {
        if (spec.IsWarehouseTable) return await WarehouseAsync(spec, cancellationToken);
        var bag = new DiagnosticBag();
        var destination = DestinationMapper.Map(spec, dryRun: true, shadowProject.Environment, bag);
        if (destination is null) return new Outcome(null, bag.Sorted().First());
        using var pusher = new Pusher(target, destination, TimeProvider.System);
        var push = await pusher.PushAsync(new PushOptions
        {
            TargetDirectory = planDirectory,
            Schema = shadow.Shadow,
            Templates = catalog,
            RunId = planId,
        }, cancellationToken);
        if (push.Error is not null)
            return new Outcome(null, new Diagnostic(Severity.Error, DiagnosticCodes.PlanDestinationFailed, $"the dry-run push of {spec.Name.Value} in the shadow failed: {push.Error}", spec.Name.Span));
        var known = await PushedIdsAsync(spec.Name.Value, cancellationToken);
        return new Outcome(Summarise(spec, push, known), null);
    }

    /// <summary>Counts the operations in the payload file the dry run wrote, and picks examples: a new user, a <c>$set</c>, an <c>$unset</c>.</summary>
    private DestinationPlan Summarise(DestinationSpec spec, PushResult push, HashSet<string> known)
    {
        long events = 0, newUsers = 0, setUsers = 0, unsetUsers = 0;
        var setSizes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var unsetKeys = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var picked = new List<JsonNode>();
        bool pickedNew = false, pickedUnset = false;
        foreach (var line in push.PayloadFile is null ? [] : File.ReadLines(push.PayloadFile))
        {
            foreach (var e in JsonNode.Parse(line)!["events"]!.AsArray())
            {
                events++;
                var id = e!["user_id"] is { } u ? "user:" + u.GetValue<string>() : "device:" + e["device_id"]!.GetValue<string>();
                var isNew = !known.Contains(id);
                if (isNew) newUsers++;
                var properties = e["user_properties"]!;
                var set = properties["$set"]?.AsObject();
                var unset = properties["$unset"]?.AsObject();
                if (set is not null)
                {
                    setUsers++;
                    var size = set.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    setSizes[size] = setSizes.GetValueOrDefault(size) + 1;
                }
                if (unset is not null)
                {
                    unsetUsers++;
                    foreach (var (key, _) in unset) unsetKeys[key] = unsetKeys.GetValueOrDefault(key) + 1;
                }
                // Examples of each kind first, then any, up to the limit.
                var take = picked.Count < examples && ((isNew && !pickedNew) || (unset is not null && !pickedUnset) || picked.Count < examples - 2);
                if (!take) continue;
                picked.Add(e.DeepClone());
                pickedNew |= isNew;
                pickedUnset |= unset is not null;
            }
        }
        return new DestinationPlan
        {
            Name = spec.Name.Value,
            Type = spec.Type.Value,
            Operations = events,
            Events = events,
            NewUsers = newUsers,
            SetUsers = setUsers,
            SetSizes = setSizes,
            UnsetUsers = unsetUsers,
            UnsetKeys = unsetKeys,
            Skipped = push.Skipped,
            Refused = push.Refused,
            PayloadFile = push.PayloadFile,
            Examples = picked,
        };
    }

    /// <summary>The Amplitude ids (<c>user:</c>/<c>device:</c>) the push state knows for a destination: an event for any other is a new user.</summary>
    private async Task<HashSet<string>> PushedIdsAsync(string destination, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var sql = new PushSql(target.Dialect, shadow.Shadow, destination, catalog);
        var query = new StatementTemplates(catalog, target.Dialect).RenderSingle("plan/pushed_ids.sql.scriban", new Dictionary<string, object?>
        {
            ["state"] = sql.State,
            ["destination"] = destination,
        });
        await foreach (var r in target.StreamAsync(query, shadow.Context, cancellationToken)) ids.Add(RulePlanReader.Text(r[0])!);
        return ids;
    }

    private async Task<Outcome> WarehouseAsync(DestinationSpec spec, CancellationToken cancellationToken)
    {
        var said = new StringWriter { NewLine = "\n" };
        var result = await new WarehouseDestinationStep(shadowProject, target, new TaskOutput(said, TextWriter.Null, json: false), catalog).RunAsync(spec, dryRun: true, cancellationToken);
        // Every line but the counts (which the plan reports itself): columns the table would gain or lose.
        var notes = said.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l != result.Message).ToList();
        if (result.Error is not null) return new Outcome(null, result.Error with { Code = DiagnosticCodes.PlanDestinationFailed, Message = "in the shadow: " + result.Error.Message });
        long Count(string name) => result.Counts?.FirstOrDefault(c => c.Key == name).Value ?? 0;
        var table = PublishedTables.Warehouse(spec.Name.Value);
        var picked = new List<JsonNode>();
        var changes = shadow.ShadowRelation(PublishedTables.Changes(table));
        var query = new StatementTemplates(catalog, target.Dialect).RenderSingle("plan/warehouse_changes.sql.scriban", new Dictionary<string, object?>
        {
            ["changes"] = changes,
            ["examples"] = examples,
        });
        var described = await target.ExecuteAsync(query, shadow.Context, cancellationToken);
        foreach (var row in described.Rows)
        {
            var o = new JsonObject();
            for (var i = 0; i < described.Columns.Count; i++)
                if (described.Columns[i] != "pipes_rank") o[described.Columns[i].ToLowerInvariant()] = RulePlanReader.Text(row[i]);
            picked.Add(o);
        }
        return new Outcome(new DestinationPlan
        {
            Name = spec.Name.Value,
            Type = spec.Type.Value,
            Operations = Count("operations"),
            Inserted = Count("inserted"),
            Updated = Count("updated"),
            Deleted = Count("deleted"),
            Rekeyed = Count("rekeyed"),
            Skipped = Count("skipped"),
            Examples = picked,
            Notes = notes,
        }, null);
    }
}
