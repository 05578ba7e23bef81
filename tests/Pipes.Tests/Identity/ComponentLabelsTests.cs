using Pipes.Core.Identity;

namespace Pipes.Tests.Identity;

/// <summary>Exact round counts and failure modes of the hook + shortcut rounds (section 9).</summary>
public sealed class ComponentLabelsTests
{
    [Fact]
    public void Isolated_nodes_need_one_round_to_prove_nothing_changes()
    {
        var result = ComponentLabels.Compute(3, []);

        result.Labels.ShouldBe([0, 1, 2]);
        result.Rounds.ShouldBe(1);
    }

    [Fact]
    public void Zero_nodes_is_one_empty_round()
    {
        ComponentLabels.Compute(0, []).ShouldSatisfyAllConditions(
            r => r.Labels.ShouldBeEmpty(),
            r => r.Rounds.ShouldBe(1));
    }

    [Fact]
    public void Path_of_three_takes_two_or_three_rounds_by_where_the_labels_sit()
    {
        // 2 - 0 - 1: both ends see 0 in round 1; round 2 is quiet.
        ComponentLabels.Compute(3, [(2, 0), (0, 1)]).Rounds.ShouldBe(2);
        // 0 - 1 - 2: round 1 gives P1 = [0, 0, 1]; the shortcut P1(P1(2)) = 0 finishes it.
        ComponentLabels.Compute(3, [(0, 1), (1, 2)]).Rounds.ShouldBe(2);
        // 1 - 2 - 0: round 1 gives [0, 1, 0] (2 sees 0, 1 sees only 2's old parent 2); round 2 gives
        // 1 the 0; round 3 is quiet. 3 = floor(log2 3) + 2: the bound is tight.
        ComponentLabels.Compute(3, [(1, 2), (2, 0)]).ShouldSatisfyAllConditions(
            r => r.Labels.ShouldBe([0, 0, 0]),
            r => r.Rounds.ShouldBe(3));
    }

    [Theory]
    [InlineData(PathLabels.Sorted)]
    [InlineData(PathLabels.Reversed)]
    [InlineData(PathLabels.Shuffled)]
    public void Path_of_ten_thousand_takes_at_most_floor_log2_n_plus_2_rounds(PathLabels labels)
    {
        const int n = 10_000;
        var order = Enumerable.Range(0, n).ToArray();
        if (labels == PathLabels.Reversed)
            Array.Reverse(order);
        if (labels == PathLabels.Shuffled)
            new Random(3).Shuffle(order);

        var result = ComponentLabels.Compute(n, Enumerable.Range(0, n - 1).Select(i => (order[i], order[i + 1])).ToList());

        result.Labels.ShouldAllBe(l => l == 0);
        result.Rounds.ShouldBeLessThanOrEqualTo(15);
    }

    [Fact]
    public void Every_path_up_to_eight_nodes_meets_the_bound_in_every_labelling()
    {
        for (var n = 1; n <= 8; n++)
        {
            foreach (var order in Permutations(Enumerable.Range(0, n).ToArray(), 0))
            {
                var edges = Enumerable.Range(0, n - 1).Select(i => (order[i], order[i + 1])).ToList();
                ComponentLabels.Compute(n, edges).Rounds.ShouldBeLessThanOrEqualTo((int)Math.Floor(Math.Log2(n)) + 2, $"order {string.Join(",", order)}");
            }
        }
    }

    [Fact]
    public void Passing_the_round_cap_throws_instead_of_returning_unconverged_labels()
    {
        var path = Enumerable.Range(0, 99).Select(i => (i + 1, i)).ToList();

        Should.Throw<InvalidOperationException>(() => ComponentLabels.Compute(100, path, roundCap: 3))
            .Message.ShouldContain("did not converge within 3 rounds");
    }

    [Fact]
    public void Edges_outside_the_nodes_are_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ComponentLabels.Compute(2, [(0, 2)]));
    }

    [Fact]
    public void Default_cap_is_twice_ceil_log2_n_plus_10()
    {
        ComponentLabels.DefaultRoundCap(1).ShouldBe(10);
        ComponentLabels.DefaultRoundCap(1024).ShouldBe(30);
        ComponentLabels.DefaultRoundCap(1025).ShouldBe(32);
    }

    private static IEnumerable<int[]> Permutations(int[] items, int from)
    {
        if (from == items.Length)
        {
            yield return (int[])items.Clone();
            yield break;
        }

        for (var i = from; i < items.Length; i++)
        {
            (items[from], items[i]) = (items[i], items[from]);
            foreach (var permutation in Permutations(items, from + 1))
                yield return permutation;
            (items[from], items[i]) = (items[i], items[from]);
        }
    }
}
