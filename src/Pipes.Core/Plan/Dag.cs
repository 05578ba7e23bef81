using Pipes.Core.Diagnostics;

namespace Pipes.Core.Plan;

/// <summary>The project graph, with a deterministic run order (Kahn's algorithm, ties by ordinal id).</summary>
public sealed class Dag
{
    private readonly Dictionary<string, Node> _nodes;
    private readonly Dictionary<string, List<string>> _children;

    public Dag(IEnumerable<Node> nodes)
    {
        _nodes = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        _children = _nodes.Keys.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var node in _nodes.Values)
        {
            foreach (var parent in node.DependsOn) _children[parent].Add(node.Id);
        }
    }

    public IReadOnlyCollection<Node> Nodes => _nodes.Values;

    public Node this[string id] => _nodes[id];

    public bool Contains(string id) => _nodes.ContainsKey(id);

    public IReadOnlyList<string> Children(string id) => _children[id];

    /// <summary>Every node in dependency order, or null with a diagnostic naming the cycle.</summary>
    public IReadOnlyList<Node>? TopologicalOrder(DiagnosticBag bag)
    {
        var remaining = _nodes.Values.ToDictionary(n => n.Id, n => n.DependsOn.Count, StringComparer.Ordinal);
        var ready = new SortedSet<string>(remaining.Where(kv => kv.Value == 0).Select(kv => kv.Key), StringComparer.Ordinal);
        var order = new List<Node>(_nodes.Count);
        while (ready.Count > 0)
        {
            var id = ready.Min!;
            ready.Remove(id);
            order.Add(_nodes[id]);
            foreach (var child in _children[id])
            {
                if (--remaining[child] == 0) ready.Add(child);
            }
        }
        if (order.Count == _nodes.Count) return order;
        var cycle = FindCycle(remaining.Where(kv => kv.Value > 0).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal));
        // The last edge closes the cycle: point at the call in its file (b's ref to a, for b --> c --> a --> b).
        var closing = _nodes[cycle[^1]];
        var at = closing.EdgeSpans.GetValueOrDefault(cycle[^2]) ?? SourceSpan.At(closing.Path, 1, 1);
        bag.Error(DiagnosticCodes.CyclicDependency, at,
            "dependency cycle: " + string.Join(" --> ", cycle.Select(id => _nodes[id].Name)));
        return null;
    }

    /// <summary>Walks parents inside the unresolved set until a node repeats; starts from the smallest id so the message is stable.</summary>
    private List<string> FindCycle(HashSet<string> unresolved)
    {
        var path = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var current = unresolved.Min(StringComparer.Ordinal)!;
        while (!seen.ContainsKey(current))
        {
            seen[current] = path.Count;
            path.Add(current);
            current = _nodes[current].DependsOn.Where(unresolved.Contains).Min(StringComparer.Ordinal)!;
        }
        var cycle = path.Skip(seen[current]).ToList();
        cycle.Reverse(); // parents were followed; print in data-flow order
        cycle.Add(cycle[0]);
        return cycle;
    }

    public IEnumerable<string> Ancestors(string id, int depth = int.MaxValue) => Walk(id, n => _nodes[n].DependsOn, depth);

    public IEnumerable<string> Descendants(string id, int depth = int.MaxValue) => Walk(id, n => _children[n], depth);

    /// <summary>Nodes reachable from <paramref name="start"/> in at most <paramref name="depth"/> steps (breadth first, so a depth is the shortest path).</summary>
    private static IEnumerable<string> Walk(string start, Func<string, IEnumerable<string>> next, int depth)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var level = next(start).ToList();
        for (var step = 1; step <= depth && level.Count > 0; step++)
        {
            level = level.Where(seen.Add).ToList().SelectMany(next).Where(n => !seen.Contains(n)).Distinct(StringComparer.Ordinal).ToList();
        }
        return seen;
    }
}
