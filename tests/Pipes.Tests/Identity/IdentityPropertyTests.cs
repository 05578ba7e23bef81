using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pipes.Core.Identity;

namespace Pipes.Tests.Identity;

/// <summary>Random graphs and row orders: the production pieces against the oracle, and order independence.</summary>
public sealed class IdentityPropertyTests
{
    [Property(MaxTest = 100)]
    public Property Split_pipeline_equals_the_oracle_profiles_exactly() =>
        Prop.ForAll(RandomIdentityRows.Rows, rows =>
        {
            var oracle = IdentityOracle.Run(RandomIdentityRows.Rules, rows);
            var pipeline = SplitPipeline.Run(RandomIdentityRows.Rules, oracle);

            SplitPipelineAssert.SameAsOracle(pipeline, oracle);
        });

    [Property(MaxTest = 100)]
    public Property Shuffling_rows_changes_nothing() =>
        Prop.ForAll(RandomIdentityRows.RowsAndSeed, input =>
        {
            var shuffled = (IdentityRow[])input.Rows.Clone();
            new Random(input.Seed).Shuffle(shuffled);

            var original = IdentityOracle.Run(RandomIdentityRows.Rules, input.Rows);
            var reordered = IdentityOracle.Run(RandomIdentityRows.Rules, shuffled);

            reordered.ToText().ShouldBe(original.ToText());
            SplitPipelineAssert.SameAsOracle(SplitPipeline.Run(RandomIdentityRows.Rules, reordered), original);
        });

    [Property(MaxTest = 100)]
    public Property Component_labels_on_a_path_converge_within_floor_log2_n_plus_2_rounds() =>
        Prop.ForAll(PathArb, path =>
        {
            var (n, order) = path;
            var edges = Enumerable.Range(0, n - 1).Select(i => (order[i], order[i + 1])).ToList();

            var result = ComponentLabels.Compute(n, edges);

            result.Labels.ShouldAllBe(label => label == 0);
            result.Rounds.ShouldBeLessThanOrEqualTo((int)Math.Floor(Math.Log2(n)) + 2);
        });

    [Property(MaxTest = 100)]
    public Property Component_labels_are_the_smallest_node_of_each_component() =>
        Prop.ForAll(GraphArb, graph =>
        {
            var (n, edges) = graph;

            var result = ComponentLabels.Compute(n, edges);

            result.Labels.ShouldBe(SmallestReachable(n, edges));
        });

    [Fact]
    public void Random_inputs_do_exercise_refusals_shared_ids_and_invalid_values()
    {
        var samples = Gen.Sample(RandomIdentityRows.Rows.Generator, 200)
            .Select(rows => IdentityOracle.Run(RandomIdentityRows.Rules, rows))
            .ToList();

        samples.Count(r => r.Refused.Count > 0).ShouldBeGreaterThan(20);
        samples.Count(r => r.Shared.Count > 0).ShouldBeGreaterThan(5);
        samples.Count(r => r.Invalid.Count > 0).ShouldBeGreaterThan(20);
    }

    /// <summary>Path sizes 1..300, labels sorted, reversed or shuffled along the path.</summary>
    private static Arbitrary<(int N, int[] Order)> PathArb { get; } =
        (from n in Gen.Choose(1, 300)
         from kind in Gen.Choose(0, 2)
         from shuffled in Gen.Shuffle(Enumerable.Range(0, n).ToArray())
         select (n, kind switch
         {
             0 => Enumerable.Range(0, n).ToArray(),
             1 => Enumerable.Range(0, n).Reverse().ToArray(),
             _ => shuffled,
         })).ToArbitrary();

    private static Arbitrary<(int N, List<(int, int)> Edges)> GraphArb { get; } =
        (from n in Gen.Choose(1, 40)
         from edges in Gen.ListOf(Gen.Zip(Gen.Choose(0, n - 1), Gen.Choose(0, n - 1)))
         select (n, edges.ToList())).ToArbitrary();

    /// <summary>Plain breadth-first search from each node: the smallest node it reaches.</summary>
    private static int[] SmallestReachable(int n, List<(int A, int B)> edges)
    {
        var labels = new int[n];
        for (var start = 0; start < n; start++)
        {
            var seen = new HashSet<int> { start };
            var queue = new Queue<int>([start]);
            while (queue.TryDequeue(out var x))
            {
                foreach (var (a, b) in edges)
                {
                    var next = a == x ? b : b == x ? a : -1;
                    if (next >= 0 && seen.Add(next))
                        queue.Enqueue(next);
                }
            }

            labels[start] = seen.Min();
        }

        return labels;
    }
}
