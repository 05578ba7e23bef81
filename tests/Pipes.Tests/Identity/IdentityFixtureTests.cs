using System.Diagnostics;
using Pipes.Core.Identity;

namespace Pipes.Tests.Identity;

/// <summary>Every adversarial fixture through the oracle and through ComponentLabels + ConstrainedSplit: they must agree.</summary>
public sealed class IdentityFixtureTests
{
    public static TheoryData<string> FixtureNames() => new(IdentityFixtures.Catalog.Keys);

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Split_pipeline_agrees_with_the_oracle(string name)
    {
        var fixture = IdentityFixtures.Catalog[name]();

        var oracle = IdentityOracle.Run(fixture.Rules, fixture.Rows);
        var pipeline = SplitPipeline.Run(fixture.Rules, oracle);

        SplitPipelineAssert.SameAsOracle(pipeline, oracle);
        pipeline.Rounds.ShouldBeLessThanOrEqualTo(ComponentLabels.DefaultRoundCap(oracle.Nodes.Count));
    }

    [Theory]
    [InlineData(PathLabels.Sorted)]
    [InlineData(PathLabels.Reversed)]
    [InlineData(PathLabels.Shuffled)]
    public void Path_is_one_profile_found_in_logarithmic_rounds(PathLabels labels)
    {
        var fixture = IdentityFixtures.Path(10_000, labels);

        var oracle = IdentityOracle.Run(fixture.Rules, fixture.Rows);
        var pipeline = SplitPipeline.Run(fixture.Rules, oracle);

        oracle.Profiles.ShouldHaveSingleItem().CanonicalValue.ShouldBe("a000000");
        pipeline.Rounds.ShouldBeLessThanOrEqualTo(15); // floor(log2 10^4) + 2
    }

    [Fact]
    public void Star_with_email_limit_keeps_the_first_three_emails_in_edge_order()
    {
        var oldest = IdentityOracle.Run(TestRules.Standard(), IdentityFixtures.Star(10, hubOldest: true).Rows);
        var newest = IdentityOracle.Run(TestRules.Standard(), IdentityFixtures.Star(10, hubOldest: false).Rows);

        // Hub oldest: keys follow values, so the smallest emails win. Hub newest: the same, but the device is
        // the later endpoint of every edge, so the emails' own keys decide.
        oldest.ProfileMembers()[0].ShouldBe("device_id:hub-device email:e000000@x email:e000001@x email:e000002@x");
        newest.ProfileMembers()[0].ShouldBe("email:e000000@x email:e000001@x email:e000002@x device_id:hub-device");
        oldest.Refused.Count.ShouldBe(7);
        oldest.Refused.ShouldAllBe(r => r.LimitType == "email");
    }

    [Fact]
    public void Placeholders_never_link_users()
    {
        var fixture = IdentityFixtures.Placeholders();

        var oracle = IdentityOracle.Run(fixture.Rules, fixture.Rows);

        oracle.Edges.ShouldBeEmpty();
        oracle.Nodes.ShouldAllBe(n => n.Type == "user_id");
        oracle.Invalid.Select(i => i.Reason).Distinct().Order(StringComparer.Ordinal)
            .ShouldBe([InvalidReasons.NullOrEmpty, InvalidReasons.Placeholder]);
    }

    [Fact]
    public void Kiosk_is_shared_and_its_links_are_counted()
    {
        var fixture = IdentityFixtures.Kiosk(5_000); // the 10^5 one runs in Split_pipeline_agrees_with_the_oracle

        var oracle = IdentityOracle.Run(fixture.Rules, fixture.Rows);

        var kiosk = oracle.Shared.ShouldHaveSingleItem();
        kiosk.Value.ShouldBe("kiosk-01");
        kiosk.LinksByType["user_id"].ShouldBe(5_000);
        oracle.ProfileOf("device_id", "kiosk-01").ShouldNotBe(oracle.ProfileOf("user_id", "user000000"));
    }

    [Fact]
    public void Case_variants_collapse_emails_but_not_user_ids()
    {
        var fixture = IdentityFixtures.CaseVariants();

        var oracle = IdentityOracle.Run(fixture.Rules, fixture.Rows);

        oracle.Nodes.Count(n => n.Type == "email").ShouldBe(1);
        oracle.Nodes.Where(n => n.Type != "email").Select(n => n.Value).Order(StringComparer.Ordinal)
            .ShouldBe(["Ann-1", "Dev-ABC", "ann-1", "dev-abc"]);
        oracle.Refused.ShouldHaveSingleItem().LimitType.ShouldBe("user_id");
    }
}
