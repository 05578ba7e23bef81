namespace Pipes.Tests.Identity;

/// <summary>
/// The test reference of the connected-components rounds that the SQL targets run (section 9 of
/// <c>docs/identity.md</c>). Nodes are 0..n-1; a smaller number is an older node, so the label of a
/// component is its oldest node.
/// <para>
/// P is each node's parent, initially itself. Edges count both ways. One round, computed from P alone
/// (as one SQL statement would):
/// </para>
/// <list type="number">
/// <item>connect: P1(x) = min( P(x), P(y) for every edge (x, y), P(y) for every edge (z, y) with P(z) = x ).
/// The last term is the root hook: a parent takes the best label seen by any of its children's
/// neighbours, so whole trees hook at once; without it a path needs n rounds.</item>
/// <item>shortcut: P2(x) = P1(P1(x)).</item>
/// <item>changed = the exact count of x with P2(x) ≠ P(x); P = P2; stop after a round with changed = 0.</item>
/// </list>
/// <para>
/// P only decreases and stays inside the component, so the smallest node m keeps P(m) = m; at the fixpoint
/// P(x) ≤ P(y) on every edge both ways, so P is constant on each component, hence equal to m.
/// Running past the round cap throws: unconverged labels are never returned.
/// </para>
/// <para>
/// Round count, including the final quiet round: a path of n nodes needs at most ⌊log2 n⌋ + 2 in every
/// labelling. This is checked, not proven: exhaustively for n ≤ 9 (all n! labellings; n ≤ 8 in the unit tests), by property tests on
/// paths up to 300 nodes and on sorted, reversed and shuffled paths of 10^4 (14 rounds, bound 15). The bound is
/// tight: the path 1 - 2 - 0 takes 3 rounds. No variant of the section 9 definition was needed.
/// </para>
/// </summary>
public static class ComponentLabels
{
    /// <summary>2·⌈log2 n⌉ + 10: twice the expected worst case plus slack.</summary>
    public static int DefaultRoundCap(int nodeCount) =>
        2 * (int)Math.Ceiling(Math.Log2(Math.Max(nodeCount, 1))) + 10;

    public static ComponentLabelsResult Compute(int nodeCount, IReadOnlyList<(int A, int B)> edges, int? roundCap = null)
    {
        foreach (var (a, b) in edges)
        {
            if ((uint)a >= (uint)nodeCount || (uint)b >= (uint)nodeCount)
                throw new ArgumentOutOfRangeException(nameof(edges), $"edge ({a}, {b}) outside 0..{nodeCount - 1}");
        }

        var cap = roundCap ?? DefaultRoundCap(nodeCount);
        var parent = new int[nodeCount];
        for (var x = 0; x < nodeCount; x++)
            parent[x] = x;

        for (var round = 1; round <= cap; round++)
        {
            var next = RunRound(parent, edges, out var changed);
            parent = next;
            if (changed == 0)
                return new ComponentLabelsResult(parent, round);
        }

        throw new InvalidOperationException(
            $"connected components did not converge within {cap} rounds over {nodeCount} nodes and {edges.Count} edges");
    }

    private static int[] RunRound(int[] parent, IReadOnlyList<(int A, int B)> edges, out int changed)
    {
        var connected = (int[])parent.Clone();
        foreach (var (a, b) in edges)
        {
            Connect(parent, connected, a, b);
            Connect(parent, connected, b, a);
        }

        var shortcut = new int[parent.Length];
        changed = 0;
        for (var x = 0; x < parent.Length; x++)
        {
            shortcut[x] = connected[connected[x]];
            if (shortcut[x] != parent[x])
                changed++;
        }

        return shortcut;
    }

    /// <summary>The directed edge z → y offers P(y) to z itself and, through the root hook, to P(z).</summary>
    private static void Connect(int[] parent, int[] connected, int z, int y)
    {
        var offered = parent[y];
        if (offered < connected[z])
            connected[z] = offered;
        var root = parent[z];
        if (offered < connected[root])
            connected[root] = offered;
    }
}

/// <summary>
/// Connected components: <see cref="Labels"/>[x] is the smallest node of x's component; <see cref="Rounds"/>
/// counts every round run, including the last one, which changed nothing and proved convergence.
/// </summary>
public sealed record ComponentLabelsResult(int[] Labels, int Rounds);
