using System.Text.Json;
using Pipes.Core.Tasks;
using static Pipes.Core.RulePlan.RulePlanReport;

namespace Pipes.Core.RulePlan;

/// <summary>The plan in words: one block per kind of change, counts first, then a few examples.</summary>
public static class RulePlanPrinter
{
    public static void Print(RulePlanReport r, TaskOutput output)
    {
        void Line(string text) => output.Info(text);
        if (r.Empty)
        {
            Line($"plan {r.PlanId}: no change. The working tree builds exactly what {r.Target} ({r.Schema}) holds: no profile, identifier, output row or Amplitude operation would change.");
            foreach (var d in r.Destinations.Where(d => d.Operations > 0))
                Line($"  {d.Name}: the next push sends {d.Operations:N0} operations either way (pending before this plan)");
            return;
        }
        Line($"plan {r.PlanId}: the working tree against {r.Target} ({r.Schema}), built in {r.ShadowSchema}");
        foreach (var note in r.Notes) Line($"  identity: {note}");
        Line("");
        Line("Profiles");
        Line(r.Profiles.Count == 0 ? "  no profile would merge, split, be re-keyed, appear or disappear" : "  (every event in target/plan/profiles.jsonl)");
        foreach (var g in r.Profiles)
        {
            Line($"  {g.Count,7:N0} {Verb(g.Event),-12} ({g.Identifiers:N0} identifiers)");
            foreach (var (cause, n) in g.Causes) Line($"            {n,7:N0} by {cause}");
            foreach (var e in g.Examples) Line($"      e.g. {Example(e)}");
        }
        var ids = r.Identifiers;
        Line("");
        Line($"Identifiers: {ids.Moved:N0} would move to another profile, {ids.Joined:N0} join the graph, {ids.Left:N0} leave it (every one in {ids.File})");
        foreach (var m in ids.Examples) Line($"      e.g. {m.IdType}:{m.IdValue}  {m.OldProfileId} -> {m.NewProfileId}");
        Line($"Refused edges: {r.RefusedEdges.Appear:N0} would appear, {r.RefusedEdges.Disappear:N0} disappear");
        foreach (var e in r.RefusedEdges.AppearExamples) Line($"      + {e["from_type"]}:{e["from_value"]} -- {e["to_type"]}:{e["to_value"]} (limit of {e["limit_type"]})");
        foreach (var e in r.RefusedEdges.DisappearExamples) Line($"      - {e["from_type"]}:{e["from_value"]} -- {e["to_type"]}:{e["to_value"]} (limit of {e["limit_type"]})");
        Line($"Shared ids (over max_links): {r.SharedIds.Appear:N0} rows would appear, {r.SharedIds.Disappear:N0} disappear");
        foreach (var e in r.SharedIds.AppearExamples) Line($"      + {e["id_type"]}:{e["id_value"]} linked to {e["link_count"]} {e["linked_type"]}");
        foreach (var e in r.SharedIds.DisappearExamples) Line($"      - {e["id_type"]}:{e["id_value"]} linked to {e["link_count"]} {e["linked_type"]}");
        foreach (var d in r.Dropped) Line($"Dropped observations: {d.IdType} {d.Reason} {d.LiveObservations:N0} -> {d.PlannedObservations:N0}");
        foreach (var j in r.Rejects) Line($"Rejects: {j.Model}.{j.Column}: {j.Appear:N0} would appear, {j.Disappear:N0} disappear");

        Line("");
        Line("Outputs (rows publishing would write)");
        foreach (var o in r.Outputs.Where(o => o.Inserted + o.Updated + o.Deleted > 0))
            Line($"  {o.Name,-32} {o.Inserted,7:N0} inserted {o.Updated,7:N0} updated {o.Deleted,7:N0} deleted" +
                 (o.Replaced ? "  (other columns: the table is replaced, a stream on it must be recreated)" : ""));
        if (r.Outputs.All(o => o.Inserted + o.Updated + o.Deleted == 0)) Line("  none");

        Line("");
        Line("Destinations (what the next push would send)");
        foreach (var d in r.Destinations)
        {
            if (d.PayloadFile is not null)
            {
                var sizes = string.Join(", ", d.SetSizes.OrderBy(s => int.Parse(s.Key, System.Globalization.CultureInfo.InvariantCulture)).Select(s => $"{s.Value:N0} of {s.Key}"));
                Line($"  {d.Name} ($identify): {d.Events:N0} events to {d.NewUsers:N0} new and {d.Events - d.NewUsers:N0} known users; " +
                     $"$set to {d.SetUsers:N0} users (properties per $set: {(sizes.Length == 0 ? "none" : sizes)}); $unset to {d.UnsetUsers:N0} users" +
                     (d.UnsetKeys.Count == 0 ? "" : $" ({string.Join(", ", d.UnsetKeys.Select(k => $"{k.Key} {k.Value:N0}"))})") +
                     $"; {d.Skipped:N0} skipped, {d.Refused:N0} refused; payloads in {d.PayloadFile}; {d.OperationsWithoutChange:N0} events without this change");
            }
            else
            {
                var rekeyed = d.Type == Properties.DestinationSpec.Mirror ? $", {d.Rekeyed:N0} events re-keyed to another user_id" : "";
                Line($"  {d.Name} ({d.Type}): {d.Inserted:N0} rows inserted, {d.Updated:N0} updated, {d.Deleted:N0} deleted ({d.Operations:N0} Amplitude operations, {d.OperationsWithoutChange:N0} without this change){rekeyed}; {d.Skipped:N0} left out");
            }
            foreach (var n in d.Notes) Line($"      {n}");
            foreach (var e in d.Examples) Line($"      e.g. {e.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })}");
        }
        if (r.Destinations.Count == 0) Line("  none");
    }

    private static string Verb(string kind) => kind switch
    {
        "merged" => "would merge",
        "split" => "would split",
        "rekeyed" => "re-keyed",
        "created" => "would appear",
        _ => "would vanish",
    };

    private static string Example(ProfileEvent e)
    {
        static string Ref(ProfileRef p) => $"{p.ProfileId} ({p.Canonical})";
        var because = e.Causes.Count == 0 ? "" : $"  [{string.Join("; ", e.Causes)}]";
        return e.Event switch
        {
            "created" => $"{Ref(e.Into[0])} with {e.Identifiers:N0} identifiers{because}",
            "removed" => $"{Ref(e.From!)}, {e.Identifiers:N0} identifiers{because}",
            "split" => $"{Ref(e.From!)} into {string.Join(", ", e.Into.Select(p => $"{Ref(p)} {p.Identifiers:N0}"))}{because}",
            "rekeyed" => $"{Ref(e.From!)} becomes {Ref(e.Into[0])}, {e.Identifiers:N0} identifiers{because}",
            _ => $"{Ref(e.From!)} into {Ref(e.Into[0])}, {e.Identifiers:N0} identifiers moved{because}",
        };
    }
}
