using Pipes.Core.Identity;

namespace Pipes.Tests.Identity;

/// <summary>ConstrainedSplit on hand-built nodes and edges, independent of the oracle.</summary>
public sealed class ConstrainedSplitTests
{
    private static readonly DateTime T0 = new(2024, 1, 1);

    [Fact]
    public void Edges_are_taken_in_procedure_order_whatever_order_they_arrive_in()
    {
        // Keys: 1 user u1, 2 user u2, 3 email, 4 device. u2-email (strength 2) goes before u1-device
        // and email-device (strength 3), although it is the newest.
        SplitNode[] nodes = [new(1, "user_id"), new(2, "user_id"), new(3, "email"), new(4, "device_id")];
        SplitEdge[] edges = [new(4, 3, T0), new(1, 4, T0.AddDays(1)), new(2, 3, T0.AddDays(2))];

        foreach (var order in new[] { edges, edges.Reverse().ToArray() })
        {
            var result = ConstrainedSplit.Run(TestRules.Standard(), nodes, order);

            result.CanonicalKeyByNode.ShouldBe(new Dictionary<long, long> { [1] = 1, [2] = 2, [3] = 2, [4] = 2 });
            result.Refused.ShouldBe([new RefusedEdge(1, 4, "user_id")]);
        }
    }

    [Fact]
    public void Canonical_member_is_the_smallest_key_even_when_it_joins_last()
    {
        SplitNode[] nodes = [new(7, "anon_id"), new(9, "anon_id"), new(3, "anon_id")];

        var result = ConstrainedSplit.Run(TestRules.Standard(), nodes, [new(9, 7, T0), new(3, 9, T0.AddDays(1))]);

        result.CanonicalKeyByNode.Values.ShouldAllBe(k => k == 3);
        result.Refused.ShouldBeEmpty();
    }

    [Fact]
    public void Counts_follow_merged_profiles_through_a_cascade()
    {
        // emails 1..4 joined pairwise first, then the pairs: the second pair join would hold 4 emails.
        SplitNode[] nodes = [new(1, "email"), new(2, "email"), new(3, "email"), new(4, "email"), new(5, "user_id")];
        SplitEdge[] edges = [new(1, 2, T0), new(3, 4, T0), new(2, 3, T0.AddDays(1)), new(4, 5, T0.AddDays(2))];

        var result = ConstrainedSplit.Run(TestRules.Standard(), nodes, edges);

        result.Refused.ShouldBe([new RefusedEdge(2, 3, "email")]);
        result.CanonicalKeyByNode[5].ShouldBe(3);
    }

    [Fact]
    public void Same_profile_edges_are_skipped_not_refused()
    {
        SplitNode[] nodes = [new(1, "user_id"), new(2, "device_id"), new(3, "email")];
        SplitEdge[] triangle = [new(1, 2, T0), new(1, 3, T0), new(2, 3, T0)];

        ConstrainedSplit.Run(TestRules.Standard(), nodes, triangle).Refused.ShouldBeEmpty();
    }

    [Fact]
    public void Bad_input_is_rejected()
    {
        var rules = TestRules.Standard();
        Should.Throw<ArgumentException>(() => ConstrainedSplit.Run(rules, [new(1, "user_id"), new(1, "email")], []));
        Should.Throw<ArgumentException>(() => ConstrainedSplit.Run(rules, [new(1, "phone")], []));
        Should.Throw<ArgumentException>(() => ConstrainedSplit.Run(rules, [new(1, "user_id")], [new(1, 2, T0)]));
    }
}
