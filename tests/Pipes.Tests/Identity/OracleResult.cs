namespace Pipes.Tests.Identity;

/// <summary>Everything the oracle computes, each list in a fixed order (see <see cref="IdentityOracle"/>).</summary>
public sealed record OracleResult(
    IReadOnlyList<OracleInvalid> Invalid,
    IReadOnlyList<OracleNode> Nodes,
    IReadOnlyList<OracleEdge> Edges,
    IReadOnlyList<OracleShared> Shared,
    IReadOnlyList<OracleRefusal> Refused,
    IReadOnlyList<OracleGraphRow> Graph,
    IReadOnlyList<OracleProfile> Profiles)
{
    public OracleNode Node(long key) => Nodes[(int)key - 1];

    public OracleNode Node(string type, string value) => Nodes.Single(n => n.Type == type && n.Value == value);

    /// <summary>Profile id of the node (type, value).</summary>
    public string ProfileOf(string type, string value) => Graph.Single(g => g.Type == type && g.Value == value).ProfileId;

    /// <summary>Members of each profile as "type:value", profiles and members in node order; for readable assertions.</summary>
    public IReadOnlyList<string> ProfileMembers() =>
        Graph.GroupBy(g => g.ProfileId)
            .Select(g => string.Join(" ", g.OrderBy(n => n.Key).Select(n => $"{n.Type}:{n.Value}")))
            .ToList();

    /// <summary>"type:value - type:value" of a key pair, for readable assertions.</summary>
    public string Describe(long fromKey, long toKey) =>
        $"{Node(fromKey).Type}:{Node(fromKey).Value} - {Node(toKey).Type}:{Node(toKey).Value}";

    /// <summary>Every field of every output, one line each, for whole-result equality in tests.</summary>
    public string ToText()
    {
        static string Day(DateTime t) => t.ToString("O");
        static string Counts(IReadOnlyDictionary<string, int> c) => string.Join(",", c.Select(kv => $"{kv.Key}={kv.Value}"));
        var lines = Invalid.Select(i => $"invalid {i.Type} {i.Reason} {i.Count} [{string.Join(",", i.Samples.Select(s => s ?? "<null>"))}]")
            .Concat(Nodes.Select(n => $"node {n.Key} {n.Type}:{n.Value} {Day(n.FirstSeen)} {Day(n.LastSeen)}"))
            .Concat(Edges.Select(e => $"edge {e.FromKey}-{e.ToKey} {Day(e.FirstSeen)} {e.RowCount}"))
            .Concat(Shared.Select(s => $"shared {s.Key} {Counts(s.LinksByType)}"))
            .Concat(Refused.Select(r => $"refused {r.FromKey}-{r.ToKey} {r.LimitType}"))
            .Concat(Graph.Select(g => $"graph {g.Key} {g.ProfileId}"))
            .Concat(Profiles.Select(p =>
                $"profile {p.ProfileId} {p.CanonicalKey} {Counts(p.CountsByType)} {Day(p.FirstSeen)} {Day(p.LastSeen)} " +
                $"users[{string.Join(",", p.AmplitudeUserIds)}] devices[{string.Join(",", p.AmplitudeDeviceIds)}]"));
        return string.Join("\n", lines);
    }
}
