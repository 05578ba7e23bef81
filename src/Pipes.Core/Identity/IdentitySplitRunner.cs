using System.Globalization;
using Pipes.Core.Targets;

namespace Pipes.Core.Identity;

/// <summary>
/// Runs an <see cref="IdentitySplitStep"/>: reads only the violating components' nodes and edges, applies
/// <see cref="ConstrainedSplit"/> (section 6) in the host, and writes canonical members and refusals back in batches.
/// </summary>
public static class IdentitySplitRunner
{
    public static async Task<string> RunAsync(ITarget target, IdentitySplitStep step, StatementContext context, CancellationToken cancellationToken)
    {
        foreach (var statement in step.Prepare)
            await target.ExecuteAsync(statement, context, cancellationToken);

        var nodes = new List<SplitNode>();
        await foreach (var row in target.StreamAsync(step.NodesQuery, context, cancellationToken))
            nodes.Add(new SplitNode(Long(row[0]), (string)row[1]!));
        if (nodes.Count == 0) return "no component breaks a limit";
        var edges = new List<SplitEdge>();
        await foreach (var row in target.StreamAsync(step.EdgesQuery, context, cancellationToken))
            edges.Add(new SplitEdge(Long(row[0]), Long(row[1]), (DateTime)row[2]!));

        var result = ConstrainedSplit.Run(step.Rules, nodes, edges);
        var canonical = result.CanonicalKeyByNode.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).ToList();
        foreach (var batch in canonical.Chunk(step.BatchRows))
            await target.ExecuteAsync(step.RenderCanonicalInsert(batch), context, cancellationToken);
        var refused = result.Refused.Select((edge, i) => (edge, i + 1)).ToList();
        foreach (var batch in refused.Chunk(step.BatchRows))
            await target.ExecuteAsync(step.RenderRefusedInsert(batch), context, cancellationToken);
        var profiles = canonical.Select(c => c.Value).Distinct().Count();
        return $"split {nodes.Count} ids into {profiles} profiles in the host, {refused.Count} edges refused";
    }

    private static long Long(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
