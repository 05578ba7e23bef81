using Pipes.Core.Identity;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Identity;

/// <summary>
/// What the runner will do after SQL has built nodes, edges and shared ids (sections 2-5): drop shared ids' edges,
/// label components with <see cref="ComponentLabels"/>, hand only the components that break a limit to
/// <see cref="ConstrainedSplit"/>, and name profiles with <see cref="ProfileIds"/>. Compared with the oracle's
/// sections 6-7.
/// </summary>
public static class SplitPipeline
{
    public sealed record Outcome(IReadOnlyList<OracleGraphRow> Graph, IReadOnlyList<OracleRefusal> Refused, int Rounds, int ViolatingComponents);

    public static Outcome Run(IdentityRules rules, OracleResult sql)
    {
        var (components, violating, splitNodes, splitEdges) = SplitInput(rules, sql);
        var label = components.Labels;
        var split = ConstrainedSplit.Run(rules, splitNodes, splitEdges);

        var graph = sql.Nodes.Select(n =>
        {
            var canonicalKey = split.CanonicalKeyByNode.TryGetValue(n.Key, out var k) ? k : label[n.Key - 1] + 1;
            var canonical = sql.Node(canonicalKey);
            return new OracleGraphRow(n.Key, n.Type, n.Value, ProfileIds.For(canonical.Type, canonical.Value));
        }).ToList();
        var refused = split.Refused.Select(r => new OracleRefusal(r.FromKey, r.ToKey, r.LimitType)).ToList();
        return new Outcome(graph, refused, components.Rounds, violating.Count);
    }

    /// <summary>
    /// Components (shared ids' edges dropped), the labels of those that break a limit, and their nodes and edges:
    /// what section 6 receives, in the host or through the Snowflake UDTF.
    /// </summary>
    public static (ComponentLabelsResult Components, HashSet<int> Violating, List<SplitNode> Nodes, List<SplitEdge> Edges) SplitInput(
        IdentityRules rules, OracleResult sql)
    {
        var shared = sql.Shared.Select(s => s.Key).ToHashSet();
        var edges = sql.Edges.Where(e => !shared.Contains(e.FromKey) && !shared.Contains(e.ToKey)).ToList();

        // Keys are 1..n in node order, so node index key-1 keeps "smaller label = older node".
        var components = ComponentLabels.Compute(sql.Nodes.Count, edges.Select(e => ((int)e.FromKey - 1, (int)e.ToKey - 1)).ToList());
        var label = components.Labels;

        var violating = ViolatingComponents(rules, sql.Nodes, label);
        var splitNodes = sql.Nodes.Where(n => violating.Contains(label[n.Key - 1])).Select(n => new SplitNode(n.Key, n.Type)).ToList();
        var splitEdges = edges.Where(e => violating.Contains(label[e.FromKey - 1])).Select(e => new SplitEdge(e.FromKey, e.ToKey, e.FirstSeen)).ToList();
        return (components, violating, splitNodes, splitEdges);
    }

    /// <summary>Labels of components holding more values of some type than its limit.</summary>
    private static HashSet<int> ViolatingComponents(IdentityRules rules, IReadOnlyList<OracleNode> nodes, int[] label)
    {
        var limits = rules.Types.Where(t => t.Limit is not null).ToDictionary(t => t.Name, t => t.Limit!.Value);
        return nodes
            .Where(n => limits.ContainsKey(n.Type))
            .GroupBy(n => (Label: label[n.Key - 1], n.Type))
            .Where(g => g.Count() > limits[g.Key.Type])
            .Select(g => g.Key.Label)
            .ToHashSet();
    }
}
