using Pipes.Core.Identity;

namespace Pipes.Tests.Identity;

/// <summary>
/// An in-memory, deliberately naive implementation of sections 2-8 of <c>docs/identity.md</c>, the check every
/// faster implementation is compared with. It shares no code with <see cref="ConstrainedSplit"/> or
/// <see cref="ComponentLabels"/>; it only reads the rule model and the placeholder list.
/// <para>
/// Outputs are ordered: invalid by (type ordinal, reason order); nodes, graph rows and shared ids by key; edges
/// by (from, to); refusals in the order the procedure took them; profiles by canonical key.
/// Ties the design leaves open are settled so: types of equal priority by name (UTF-8 bytes).
/// </para>
/// </summary>
public static partial class IdentityOracle
{
    private sealed record Observation(int Row, string Type, string Value, DateTime ObservedAt);

    public static OracleResult Run(IdentityRules rules, IReadOnlyList<IdentityRow> rows)
    {
        rows = OneRowOnce(rules, rows);
        var (observations, invalid) = Observe(rules, rows);
        var nodes = BuildNodes(rules, observations);
        var keyOf = nodes.ToDictionary(n => (n.Type, n.Value), n => n.Key);
        var edges = BuildEdges(rules, rows, observations, keyOf);
        return Resolve(rules, invalid, nodes, edges);
    }

    /// <summary>
    /// Rows of one input equal in everything identity reads (observed_at and each type's values, in order) are one row,
    /// as the warehouse's row fingerprint makes them (docs/identity.md, "Incremental runs": one row, once).
    /// </summary>
    private static IReadOnlyList<IdentityRow> OneRowOnce(IdentityRules rules, IReadOnlyList<IdentityRow> rows) =>
        rows.DistinctBy(r => (r.Source, r.ObservedAt, string.Join("\u001f", rules.Types.Select(t =>
                string.Join("\u001e", r.Ids.Where(i => i.Type == t.Name).Select(i => i.Value ?? "\u0000"))))))
            .ToList();

    /// <summary>Section 2: every (row, type, raw value) normalised; the dropped ones counted by (type, reason).</summary>
    private static (List<Observation> Valid, List<OracleInvalid> Invalid) Observe(IdentityRules rules, IReadOnlyList<IdentityRow> rows)
    {
        var valid = new List<Observation>();
        var dropped = new List<(string Type, string Reason, string? Raw)>();
        for (var r = 0; r < rows.Count; r++)
        {
            var observedAt = rows[r].ObservedAt ?? DateTime.UnixEpoch;
            // Section 1: a (row, type, raw value) is one observation, however often the row repeats it.
            foreach (var id in rows[r].Ids.Distinct())
            {
                var (value, reason) = Normalize(rules, rules.Type(id.Type), id.Value);
                if (value is null)
                    dropped.Add((id.Type, reason!, id.Value));
                else
                    valid.Add(new Observation(r, id.Type, value, observedAt));
            }
        }

        var reasonOrder = InvalidReasons.InOrder.ToList();
        var invalid = dropped
            .GroupBy(d => (d.Type, d.Reason))
            .OrderBy(g => g.Key.Type, Utf8Order.Instance)
            .ThenBy(g => reasonOrder.IndexOf(g.Key.Reason))
            .Select(g => new OracleInvalid(
                g.Key.Type,
                g.Key.Reason,
                g.Count(),
                g.Select(d => d.Raw).Distinct().Order(Utf8Order.Instance).Take(3).ToList()))
            .ToList();
        return (valid, invalid);
    }

    /// <summary>Section 3: distinct (type, value), ordered by (first_seen, priority, value bytes, type name), keyed 1..n.</summary>
    private static List<OracleNode> BuildNodes(IdentityRules rules, List<Observation> observations)
    {
        var unkeyed = observations
            .GroupBy(o => (o.Type, o.Value))
            .Select(g => new OracleNode(0, g.Key.Type, g.Key.Value, g.Min(o => o.ObservedAt), g.Max(o => o.ObservedAt)))
            .ToList();
        unkeyed.Sort((a, b) =>
        {
            var c = a.FirstSeen.CompareTo(b.FirstSeen);
            if (c == 0) c = rules.Type(a.Type).Priority.CompareTo(rules.Type(b.Type).Priority);
            if (c == 0) c = Utf8Order.Instance.Compare(a.Value, b.Value);
            if (c == 0) c = Utf8Order.Instance.Compare(a.Type, b.Type);
            return c;
        });
        return unkeyed.Select((n, i) => n with { Key = i + 1 }).ToList();
    }

    /// <summary>
    /// Section 4: in each row, the hub (best priority, then smallest value bytes, then type name) links to every
    /// other distinct identifier of the row. An edge's first_seen is its earliest row; RowCount counts rows.
    /// </summary>
    private static List<OracleEdge> BuildEdges(
        IdentityRules rules, IReadOnlyList<IdentityRow> rows, List<Observation> observations, Dictionary<(string, string), long> keyOf)
    {
        var rowsOfEdge = new Dictionary<(long From, long To), List<int>>();
        foreach (var rowObservations in observations.GroupBy(o => o.Row))
        {
            var ids = rowObservations.Select(o => (o.Type, o.Value)).Distinct().ToList();
            var hub = ids
                .OrderBy(id => rules.Type(id.Type).Priority)
                .ThenBy(id => id.Value, Utf8Order.Instance)
                .ThenBy(id => id.Type, Utf8Order.Instance)
                .First();
            foreach (var id in ids.Where(id => id != hub))
            {
                var a = keyOf[hub];
                var b = keyOf[id];
                var pair = (Math.Min(a, b), Math.Max(a, b));
                if (!rowsOfEdge.TryGetValue(pair, out var list))
                    rowsOfEdge[pair] = list = [];
                list.Add(rowObservations.Key);
            }
        }

        return rowsOfEdge
            .Select(e => new OracleEdge(
                e.Key.From,
                e.Key.To,
                e.Value.Min(r => rows[r].ObservedAt ?? DateTime.UnixEpoch),
                e.Value.Count))
            .OrderBy(e => e.FromKey)
            .ThenBy(e => e.ToKey)
            .ToList();
    }
}
