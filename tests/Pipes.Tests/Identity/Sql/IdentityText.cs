using System.Globalization;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Identity.Sql;

/// <summary>
/// The identity outputs as lines of text, built the same way from the oracle and from the DuckDB tables, so a test
/// compares every row and field (profile ids included) with one string comparison and a readable diff.
/// </summary>
public static class IdentityText
{
    private static string Time(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Samples(IEnumerable<string?> samples) => "[" + string.Join(",", samples.Select(s => s ?? "<null>")) + "]";

    private static string Counts(IEnumerable<KeyValuePair<string, int>> counts) =>
        string.Join(",", counts.Where(c => c.Value > 0).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));

    public static string FromOracle(OracleResult r)
    {
        var lines = r.Invalid.Select(i => $"invalid {i.Type} {i.Reason} {i.Count} {Samples(i.Samples)}")
            .Concat(r.Nodes.Select(n => $"node {n.Key} {n.Type}:{n.Value} {Time(n.FirstSeen)} {Time(n.LastSeen)}"))
            .Concat(r.Edges.Select(e => $"edge {e.FromKey}-{e.ToKey} {Time(e.FirstSeen)} {e.RowCount}"))
            .Concat(r.Shared.Select(s => $"shared {s.Key} {s.Type}:{s.Value} {Counts(s.LinksByType)}"))
            .Concat(r.Refused.Select(x => $"refused {x.FromKey}-{x.ToKey} {x.LimitType}"))
            .Concat(r.Graph.Select(g => $"graph {g.Key} {g.ProfileId}"))
            .Concat(r.Profiles.Select(p =>
                $"profile {p.ProfileId} {p.CanonicalKey} {p.CanonicalType}:{p.CanonicalValue} {Counts(p.CountsByType)} {Time(p.FirstSeen)} {Time(p.LastSeen)} " +
                $"users[{string.Join(",", p.AmplitudeUserIds)}] devices[{string.Join(",", p.AmplitudeDeviceIds)}]"));
        return string.Join("\n", lines);
    }

    public static async Task<string> FromDuckDbAsync(DuckDb db, IReadOnlyList<string> types)
    {
        var lines = new List<string>();
        // Type names are ASCII here, so SQL's byte order and the oracle's UTF-8 order agree.
        foreach (var row in await db.QueryAsync("SELECT id_type, reason, observations, samples FROM pipes_id_invalid ORDER BY id_type, reason_order"))
            lines.Add($"invalid {row[0]} {row[1]} {Long(row[2])} {Samples(List(row[3]))}");
        // node_key is a stable surrogate (append-only across incremental runs); the oracle's key is the rank in node
        // order, so every key is shown as that rank.
        const string Rank = "WITH r AS (SELECT node_key, ROW_NUMBER() OVER (ORDER BY first_seen, priority, id_value, id_type) AS k FROM pipes_id_nodes) ";
        foreach (var row in await db.QueryAsync(Rank + "SELECT r.k, id_type, id_value, first_seen, last_seen FROM pipes_id_nodes JOIN r USING (node_key) ORDER BY r.k"))
            lines.Add($"node {Long(row[0])} {row[1]}:{row[2]} {Time((DateTime)row[3]!)} {Time((DateTime)row[4]!)}");
        foreach (var row in await db.QueryAsync(Rank + "SELECT LEAST(a.k, b.k), GREATEST(a.k, b.k), first_seen, row_count FROM pipes_id_edges e JOIN r a ON a.node_key = e.from_key JOIN r b ON b.node_key = e.to_key ORDER BY 1, 2"))
            lines.Add($"edge {Long(row[0])}-{Long(row[1])} {Time((DateTime)row[2]!)} {Long(row[3])}");
        var shared = await db.QueryAsync(Rank + "SELECT r.k, id_type, id_value, linked_type, link_count FROM pipes_id_shared JOIN r USING (node_key) ORDER BY r.k, linked_type");
        foreach (var group in shared.GroupBy(r => Long(r[0])))
        {
            var first = group.First();
            lines.Add($"shared {group.Key} {first[1]}:{first[2]} {Counts(group.Select(r => new KeyValuePair<string, int>((string)r[3]!, (int)Long(r[4]))))}");
        }
        // The procedure's order: (edge_strength, first_seen, older end, newer end); from is the older end.
        foreach (var row in await db.QueryAsync(Rank + "SELECT a.k, b.k, x.limit_type FROM pipes_id_refused_edges x JOIN r a ON a.node_key = x.from_key JOIN r b ON b.node_key = x.to_key ORDER BY x.edge_strength, x.first_seen, a.k, b.k"))
            lines.Add($"refused {Long(row[0])}-{Long(row[1])} {row[2]}");
        foreach (var row in await db.QueryAsync(Rank + "SELECT r.k, profile_id FROM pipes_id_graph JOIN r USING (node_key) ORDER BY r.k"))
            lines.Add($"graph {Long(row[0])} {row[1]}");
        var countColumns = string.Join(", ", types.Select(t => $"n_{t}"));
        foreach (var row in await db.QueryAsync(Rank + $"SELECT profile_id, r.k, canonical_type, canonical_value, first_seen, last_seen, amplitude_user_ids, amplitude_device_ids, {countColumns} FROM pipes_profiles p JOIN r ON r.node_key = p.canonical_key ORDER BY r.k"))
        {
            var counts = types.Select((t, i) => new KeyValuePair<string, int>(t, (int)Long(row[8 + i])));
            lines.Add($"profile {row[0]} {Long(row[1])} {row[2]}:{row[3]} {Counts(counts)} {Time((DateTime)row[4]!)} {Time((DateTime)row[5]!)} " +
                $"users[{string.Join(",", List(row[6]))}] devices[{string.Join(",", List(row[7]))}]");
        }
        return string.Join("\n", lines);
    }

    private static long Long(object? value) => value is System.Numerics.BigInteger big ? (long)big : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static IEnumerable<string?> List(object? value) =>
        value is System.Collections.IEnumerable items ? items.Cast<object?>().Select(v => v?.ToString()) : [];
}
