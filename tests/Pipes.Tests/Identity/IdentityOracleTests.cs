using Pipes.Core.Identity;
using static Pipes.Tests.Identity.TestRules;

namespace Pipes.Tests.Identity;

/// <summary>Hand-computed cases pinning sections 3-8 on the oracle. Validation (section 2) is in IdentityOracleValidationTests.</summary>
public sealed class IdentityOracleTests
{
    [Fact]
    public void Hub_is_best_priority_then_smallest_value_and_links_k_minus_1_edges()
    {
        var result = IdentityOracle.Run(Standard(), [
            Row("r1", 0, "device_id:d1", "email:e@x", "user_id:u1"),
            Row("r2", 0, "email:b@x", "email:a@x", "device_id:d2"),
        ]);

        result.Edges.Select(e => result.Describe(e.FromKey, e.ToKey)).Order(StringComparer.Ordinal).ShouldBe([
            "email:a@x - device_id:d2",
            "email:a@x - email:b@x",
            "user_id:u1 - device_id:d1",
            "user_id:u1 - email:e@x",
        ]);
    }

    [Fact]
    public void Nodes_are_ordered_by_first_seen_then_priority_then_value_bytes()
    {
        var result = IdentityOracle.Run(Standard(), [
            Row("r1", 2, "user_id:old_later"),
            Row("r2", 1, "device_id:b", "device_id:a", "email:z@x"),
            Row("r3", 1, "user_id:zz"),
            Row("r4", 3, "user_id:old_later"),
        ]);

        result.Nodes.Select(n => $"{n.Key} {n.Type}:{n.Value}").ShouldBe([
            "1 user_id:zz", "2 email:z@x", "3 device_id:a", "4 device_id:b", "5 user_id:old_later",
        ]);
        result.Node("user_id", "old_later").ShouldSatisfyAllConditions(
            n => n.FirstSeen.ShouldBe(Day(2)),
            n => n.LastSeen.ShouldBe(Day(3)));
    }

    [Fact]
    public void Value_order_is_utf8_bytes_not_utf16_code_units()
    {
        // U+FF61 is EF BD A1 in UTF-8 and FF61 in UTF-16; U+1F600 is F0 9F 98 80 and D83D DE00.
        // UTF-8 puts U+FF61 first; string.CompareOrdinal would put the emoji first.
        var result = IdentityOracle.Run(Standard(), [Row("r1", 0, "anon_id:\U0001F600", "anon_id:\uFF61")]);

        result.Nodes.Select(n => n.Value).ShouldBe(["\uFF61", "\U0001F600"]);
        string.CompareOrdinal("\U0001F600", "\uFF61").ShouldBeLessThan(0);
    }

    [Fact]
    public void Rows_without_observed_at_use_the_epoch()
    {
        var result = IdentityOracle.Run(Standard(), [Row("r1", null, "user_id:u1", "device_id:d1")]);

        result.Nodes.ShouldAllBe(n => n.FirstSeen == DateTime.UnixEpoch);
        result.Edges.Single().FirstSeen.ShouldBe(DateTime.UnixEpoch);
    }

    [Fact]
    public void Edges_collapse_duplicates_and_self_loops_and_keep_the_earliest_row()
    {
        var result = IdentityOracle.Run(Standard(), [
            Row("r1", 5, "user_id:u1", "email:E@x"),
            Row("r2", 2, "user_id:u1", "email:e@x", "email:e@X"),
            Row("r3", 9, "email:e@x", "user_id:u1"),
        ]);

        var edge = result.Edges.ShouldHaveSingleItem();
        result.Describe(edge.FromKey, edge.ToKey).ShouldBe("user_id:u1 - email:e@x");
        edge.FirstSeen.ShouldBe(Day(2));
        edge.RowCount.ShouldBe(3);
    }

    [Fact]
    public void Rule_1_links_between_strong_types_go_first_even_when_newer()
    {
        // e-d (day 1) and u1-d (day 2) are older than u2-e (day 3), but u2-e joins stronger types, so it goes
        // first; then e-d; then u1-d would put two user_ids in one profile.
        var result = IdentityOracle.Run(Standard(), [
            Row("r1", 1, "email:e@x", "device_id:d"),
            Row("r2", 2, "user_id:u1", "device_id:d"),
            Row("r3", 3, "user_id:u2", "email:e@x"),
        ]);

        result.ProfileMembers().ShouldBe(["email:e@x device_id:d user_id:u2", "user_id:u1"]);
        var refused = result.Refused.ShouldHaveSingleItem();
        result.Describe(refused.FromKey, refused.ToKey).ShouldBe("device_id:d - user_id:u1");
        refused.LimitType.ShouldBe("user_id");
    }

    [Fact]
    public void Rule_1_ties_fall_to_first_seen_then_the_earlier_endpoint_key()
    {
        // Same strength: the older edge wins (u_new on day 1 beats u_old's link on day 2).
        var byTime = IdentityOracle.Run(Standard(), [
            Row("r0", 0, "user_id:u_old"),
            Row("r1", 0, "device_id:d"),
            Row("r2", 2, "user_id:u_old", "device_id:d"),
            Row("r3", 1, "user_id:u_new", "device_id:d"),
        ]);
        byTime.ProfileOf("device_id", "d").ShouldBe(byTime.ProfileOf("user_id", "u_new"));

        // Same strength and day: the edge whose earlier endpoint is older wins.
        var byEarlier = IdentityOracle.Run(Standard(), [
            Row("r0", 0, "user_id:u2"),
            Row("r1", 1, "user_id:u1", "device_id:d"),
            Row("r2", 1, "user_id:u2", "device_id:d"),
        ]);
        byEarlier.ProfileOf("device_id", "d").ShouldBe(byEarlier.ProfileOf("user_id", "u2"));
    }

    [Fact]
    public void Rule_1_last_tie_is_the_later_endpoint_key_not_its_value()
    {
        // e is the older endpoint of both edges (same strength, same day); u2 became a node before u1,
        // so its key is smaller and e-u2 goes first, although "u1" sorts first by value.
        var result = IdentityOracle.Run(Standard(), [
            Row("r0", 0, "email:e@x"),
            Row("r1", 1, "user_id:u2"),
            Row("r2", 2, "user_id:u1", "email:e@x"),
            Row("r3", 2, "user_id:u2", "email:e@x"),
        ]);

        result.ProfileOf("email", "e@x").ShouldBe(result.ProfileOf("user_id", "u2"));
        var refused = result.Refused.ShouldHaveSingleItem();
        result.Describe(refused.FromKey, refused.ToKey).ShouldBe("email:e@x - user_id:u1");
    }

    [Fact]
    public void Household_email_joins_only_the_first_user_and_each_user_keeps_its_devices()
    {
        var result = IdentityOracle.Run(Standard(), [
            Row("a", 1, "user_id:alice", "device_id:phone_a"),
            Row("b", 2, "user_id:bob", "device_id:phone_b"),
            Row("c", 3, "user_id:carol", "device_id:phone_c"),
            Row("h1", 4, "user_id:bob", "email:home@x"),
            Row("h2", 4, "user_id:alice", "email:home@x"),
            Row("h3", 5, "user_id:carol", "email:home@x"),
            Row("h4", 6, "email:home@x", "device_id:tablet"),
        ]);

        result.ProfileMembers().ShouldBe([
            "user_id:alice device_id:phone_a email:home@x device_id:tablet",
            "user_id:bob device_id:phone_b",
            "user_id:carol device_id:phone_c",
        ]);
        result.Refused.Select(r => (result.Describe(r.FromKey, r.ToKey), r.LimitType)).ShouldBe([
            ("user_id:bob - email:home@x", "user_id"),
            ("user_id:carol - email:home@x", "user_id"),
        ]);
    }

    [Fact]
    public void Email_limit_refuses_the_fourth_email_and_names_the_email_limit()
    {
        var result = IdentityOracle.Run(Standard(), [
            Row("r1", 1, "user_id:u1", "email:a@x"),
            Row("r2", 2, "user_id:u1", "email:b@x"),
            Row("r3", 3, "user_id:u1", "email:c@x"),
            Row("r4", 4, "user_id:u1", "email:d@x"),
        ]);

        var refused = result.Refused.ShouldHaveSingleItem();
        result.Describe(refused.FromKey, refused.ToKey).ShouldBe("user_id:u1 - email:d@x");
        refused.LimitType.ShouldBe("email");
        result.Profiles.First().CountsByType.ShouldBe(new Dictionary<string, int> { ["email"] = 3, ["user_id"] = 1 });
    }

    [Fact]
    public void When_two_limits_break_the_refusal_names_the_stronger_type()
    {
        var rules = Standard();
        var result = IdentityOracle.Run(rules, [
            Row("r1", 1, "user_id:u1", "email:a@x", "email:b@x", "email:c@x"),
            Row("r2", 2, "user_id:u2", "email:d@x"),
            Row("r3", 3, "email:d@x", "email:a@x"),
        ]);

        result.Refused.ShouldHaveSingleItem().LimitType.ShouldBe("user_id");
    }
}
