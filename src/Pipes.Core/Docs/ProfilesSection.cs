using System.Text.Json;
using System.Text.Json.Nodes;
using Pipes.Core.Compile;
using Pipes.Core.Load;
using Pipes.Core.Identity;
using Pipes.Core.Targets;
using Pipes.Core.Properties;

namespace Pipes.Core.Docs;

/// <summary>
/// The profile explorer's data: the largest profiles (up to a cap) with what <c>pipes explain</c> shows for each:
/// members, the links that joined them and the earliest source row behind each link, refused links, over-connected
/// members, and the properties as pushed. Read set-based, a few queries in all, never one query per profile.
/// </summary>
public static class ProfilesSection
{
    /// <summary>Default most profiles in the bundle (largest first); the page says how many were left out.</summary>
    public const int DefaultCap = 2000;

    public static async Task<JsonObject> ReadAsync(Project project, IdentityProject identity, WarehouseReader warehouse, int cap, long totalProfiles, CancellationToken cancellationToken)
    {
        var needed = new[] { "profiles", "graph", "nodes", "edges", "refused", "shared", "observations" }.Select(k => IdentitySqlModel.Tables[k]).ToArray();
        var section = new JsonObject { ["cap"] = cap, ["total"] = totalProfiles };
        if (!warehouse.Has(needed))
        {
            section["missing"] = string.Join(", ", needed.Where(n => !warehouse.Has(n)));
            section["profiles"] = new JsonArray();
            return section;
        }
        async Task<IReadOnlyList<object?[]>> Q(int i) => await warehouse.QueryAsync("docs/profiles.sql.scriban", new() { ["cap"] = cap }, i, cancellationToken);
        var profiles = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var list = new JsonArray();
        foreach (var r in await Q(0))
        {
            var p = Cells.Row(r, "profile_id", "canonical_type", "canonical_value", "identifiers", "first_seen", "last_seen");
            foreach (var key in new[] { "members", "links", "refused", "shared" }) p[key] = new JsonArray();
            p["pushed"] = new JsonObject();
            profiles[Cells.Text(r[0])] = p;
            list.Add(p);
        }
        JsonArray Of(object? profileId, string key) => profiles[Cells.Text(profileId)][key]!.AsArray();
        foreach (var r in await Q(1)) Of(r[0], "members").Add(Cells.Row(r[1..], "key", "type", "value", "first_seen", "last_seen", "observations"));
        foreach (var r in await Q(2))
        {
            var link = Cells.Row(r[1..], "from", "to", "first_seen", "row_count", "input_no", "row", "observed_at", "rows_behind");
            var input = Cells.Long(r[5]);
            link["source"] = input >= 1 && input <= identity.Inputs.Count ? identity.Inputs[(int)input - 1].Label : null;
            link.Remove("input_no");
            Of(r[0], "links").Add(link);
        }
        foreach (var r in await Q(3)) Of(r[0], "refused").Add(Cells.Row(r[1..], "from", "from_type", "from_value", "to", "to_type", "to_value", "limit_type", "first_seen"));
        foreach (var r in await Q(4)) Of(r[0], "shared").Add(Cells.Row(r[1..], "id_type", "id_value", "linked_type", "link_count"));
        foreach (var destination in project.Destinations.Where(d => !d.IsWarehouseTable).OrderBy(d => d.Name.Value, StringComparer.Ordinal))
        {
            var table = PublishedTables.Push(destination.Name.Value);
            if (!warehouse.Has(table)) continue;
            var rows = await warehouse.QueryAsync("docs/pushed.sql.scriban", new() { ["cap"] = cap, ["push"] = warehouse.Relation(table) }, 0, cancellationToken);
            foreach (var r in rows)
            {
                var pushed = profiles[Cells.Text(r[0])]["pushed"]!.AsObject();
                pushed[destination.Name.Value] = new JsonObject { ["user_id"] = Cells.Json(r[1]), ["device_id"] = Cells.Json(r[2]), ["properties"] = Properties(r[3]) };
            }
        }
        section["profiles"] = list;
        section["included"] = list.Count;
        return section;
    }

    /// <summary>The pushed properties are JSON (text on both engines); kept as an object so the page can list them.</summary>
    private static JsonNode? Properties(object? value)
    {
        var text = Cells.Text(value);
        try { return JsonNode.Parse(text); }
        catch (JsonException) { return JsonValue.Create(text); }
    }
}
