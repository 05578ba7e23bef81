namespace Pipes.Core.Identity;

/// <summary>
/// The ordered procedure of section 6 of <c>docs/identity.md</c>, run in the host over the components that
/// break a limit (the others are plain connected components). Components never interact, so one call may carry
/// one component or many.
/// <para>
/// Edges are taken in the order: larger priority number of the two endpoint types, first_seen, smaller key,
/// larger key. Each is joined unless the joined profile would hold more values of some type than its limit.
/// Union-find with path compression and union by size; every root carries the count of each limited type, so
/// a join is checked in O(limited types). Sorting costs O(E log E) (cheap when the input is already sorted);
/// the joins O(E α(N)).
/// </para>
/// </summary>
public static class ConstrainedSplit
{
    public static ConstrainedSplitResult Run(IdentityRules rules, IReadOnlyList<SplitNode> nodes, IReadOnlyList<SplitEdge> edges)
    {
        var typeOrder = rules.TypesInPriorityOrder();
        var limited = typeOrder.Where(t => t.Limit is not null).ToArray();
        var priorityByType = typeOrder.ToDictionary(t => t.Name, t => t.Priority, StringComparer.Ordinal);
        var limitedIndexByType = Enumerable.Range(0, limited.Length)
            .ToDictionary(i => limited[i].Name, i => i, StringComparer.Ordinal);

        var state = new UnionFind(nodes.Count, limited.Length);
        var indexByKey = new Dictionary<long, int>(nodes.Count);
        var priorityOfNode = new int[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (!indexByKey.TryAdd(node.Key, i))
                throw new ArgumentException($"node key {node.Key} given twice", nameof(nodes));
            if (!priorityByType.TryGetValue(node.Type, out priorityOfNode[i]))
                throw new ArgumentException($"node {node.Key} has unknown id type '{node.Type}'", nameof(nodes));
            state.SetKey(i, node.Key);
            if (limitedIndexByType.TryGetValue(node.Type, out var typeIndex))
                state.Counts[i * limited.Length + typeIndex] = 1;
        }

        var refused = new List<RefusedEdge>();
        foreach (var edge in InProcedureOrder(edges, indexByKey, priorityOfNode))
        {
            var a = state.Find(edge.Earlier);
            var b = state.Find(edge.Later);
            if (a == b)
                continue;
            var broken = FirstBrokenLimit(state, limited, a, b);
            if (broken is null)
                state.Union(a, b);
            else
                refused.Add(new RefusedEdge(state.Key[edge.Earlier], state.Key[edge.Later], broken));
        }

        var canonical = new Dictionary<long, long>(nodes.Count);
        for (var i = 0; i < nodes.Count; i++)
            canonical[state.Key[i]] = state.SmallestKey[state.Find(i)];
        return new ConstrainedSplitResult(canonical, refused);
    }

    private static string? FirstBrokenLimit(UnionFind state, IdTypeRule[] limited, int rootA, int rootB)
    {
        for (var t = 0; t < limited.Length; t++)
        {
            var joined = state.Counts[rootA * limited.Length + t] + state.Counts[rootB * limited.Length + t];
            if (joined > limited[t].Limit)
                return limited[t].Name;
        }

        return null;
    }

    private readonly record struct OrderedEdge(int Strength, DateTime FirstSeen, long EarlierKey, long LaterKey, int Earlier, int Later);

    private static List<OrderedEdge> InProcedureOrder(IReadOnlyList<SplitEdge> edges, Dictionary<long, int> indexByKey, int[] priorityOfNode)
    {
        var ordered = new List<OrderedEdge>(edges.Count);
        foreach (var edge in edges)
        {
            if (!indexByKey.TryGetValue(edge.A, out var a) || !indexByKey.TryGetValue(edge.B, out var b))
                throw new ArgumentException($"edge ({edge.A}, {edge.B}) names a node that was not given", nameof(edges));
            if (edge.A > edge.B)
                (a, b) = (b, a);
            var strength = Math.Max(priorityOfNode[a], priorityOfNode[b]);
            ordered.Add(new OrderedEdge(strength, edge.FirstSeen, Math.Min(edge.A, edge.B), Math.Max(edge.A, edge.B), a, b));
        }

        ordered.Sort(static (x, y) =>
        {
            var c = x.Strength.CompareTo(y.Strength);
            if (c == 0) c = x.FirstSeen.Ticks.CompareTo(y.FirstSeen.Ticks);
            if (c == 0) c = x.EarlierKey.CompareTo(y.EarlierKey);
            if (c == 0) c = x.LaterKey.CompareTo(y.LaterKey);
            return c;
        });
        return ordered;
    }

    /// <summary>Dense union-find; per root: size, smallest key, and counts of the limited types.</summary>
    private sealed class UnionFind
    {
        private readonly int[] _parent;
        private readonly int[] _size;
        private readonly int _limitedTypes;

        public UnionFind(int nodeCount, int limitedTypes)
        {
            _limitedTypes = limitedTypes;
            _parent = new int[nodeCount];
            _size = new int[nodeCount];
            Key = new long[nodeCount];
            SmallestKey = new long[nodeCount];
            Counts = new int[nodeCount * limitedTypes];
            for (var i = 0; i < nodeCount; i++)
            {
                _parent[i] = i;
                _size[i] = 1;
            }
        }

        public long[] Key { get; }

        /// <summary>Valid at roots only.</summary>
        public long[] SmallestKey { get; }

        public int[] Counts { get; }

        public void SetKey(int node, long key)
        {
            Key[node] = key;
            SmallestKey[node] = key;
        }

        public int Find(int x)
        {
            var root = x;
            while (_parent[root] != root)
                root = _parent[root];
            while (_parent[x] != root)
            {
                var next = _parent[x];
                _parent[x] = root;
                x = next;
            }

            return root;
        }

        public void Union(int rootA, int rootB)
        {
            if (_size[rootA] < _size[rootB])
                (rootA, rootB) = (rootB, rootA);
            _parent[rootB] = rootA;
            _size[rootA] += _size[rootB];
            SmallestKey[rootA] = Math.Min(SmallestKey[rootA], SmallestKey[rootB]);
            for (var t = 0; t < _limitedTypes; t++)
                Counts[rootA * _limitedTypes + t] += Counts[rootB * _limitedTypes + t];
        }
    }
}

/// <summary>
/// Outcome of <see cref="ConstrainedSplit"/>: each node's profile, named by its canonical member (the smallest
/// key in the profile, section 7), and the refused edges in the order they were taken.
/// </summary>
public sealed record ConstrainedSplitResult(IReadOnlyDictionary<long, long> CanonicalKeyByNode, IReadOnlyList<RefusedEdge> Refused);

/// <summary>An edge handed to <see cref="ConstrainedSplit"/>, by node keys in either order, with its first_seen (section 4).</summary>
public sealed record SplitEdge(long A, long B, DateTime FirstSeen);

/// <summary>A node handed to <see cref="ConstrainedSplit"/>: its key (rank in the node order of section 3) and type.</summary>
public sealed record SplitNode(long Key, string Type);

/// <summary>
/// An edge the ordered procedure refused (section 6): <see cref="FromKey"/> &lt; <see cref="ToKey"/>, and the
/// type whose limit joining would break. When several limits would break, the first type in priority order
/// (<see cref="IdentityRules.TypesInPriorityOrder"/>) is named.
/// </summary>
public sealed record RefusedEdge(long FromKey, long ToKey, string LimitType);
