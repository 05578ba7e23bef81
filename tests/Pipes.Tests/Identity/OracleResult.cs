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
}
