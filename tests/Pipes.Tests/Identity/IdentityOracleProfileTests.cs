using Pipes.Core.Identity;
using Pipes.Tests.TestKit;
using static Pipes.Tests.Identity.TestRules;

namespace Pipes.Tests.Identity;

/// <summary>Sections 5, 7 and 8 on the oracle: shared identifiers, profile ids, Amplitude ids.</summary>
public sealed class IdentityOracleProfileTests
{
    [Fact]
    public void Profile_id_is_pf_and_20_hex_of_sha256_of_the_canonical_member()
    {
        var result = IdentityOracle.Run(Standard(), [Row("r1", 1, "user_id:u1", "email:É@x.io"), Row("r0", 0, "email:é@x.io")]);

        // Computed outside .NET: printf 'email:é@x.io' | sha256sum (the email is older than the user id).
        result.Profiles.Single().ProfileId.ShouldBe("pf_8a7711f085748dc9a97b");
        ProfileIds.For("user_id", "u1").ShouldBe("pf_90c5bc873dedef8054fd");
    }

    [Fact]
    public void Canonical_member_is_the_oldest_node_and_first_last_seen_span_members()
    {
        var result = IdentityOracle.Run(Standard(), [
            Row("r1", 3, "user_id:u1", "device_id:d1"),
            Row("r2", 1, "device_id:d1"),
            Row("r3", 7, "email:a@x", "user_id:u1"),
        ]);

        var profile = result.Profiles.Single();
        (profile.CanonicalType, profile.CanonicalValue).ShouldBe(("device_id", "d1"));
        profile.FirstSeen.ShouldBe(Day(1));
        profile.LastSeen.ShouldBe(Day(7));
        profile.CountsByType.ShouldBe(new Dictionary<string, int> { ["device_id"] = 1, ["email"] = 1, ["user_id"] = 1 });
    }

    [Fact]
    public void Identifier_over_max_links_loses_all_edges_and_is_listed_with_link_counts()
    {
        var rules = Standard(deviceMaxLinks: new Dictionary<string, int> { ["user_id"] = 2 });
        var result = IdentityOracle.Run(rules, [
            Row("k1", 1, "user_id:u1", "device_id:kiosk"),
            Row("k2", 2, "user_id:u2", "device_id:kiosk"),
            Row("k3", 3, "user_id:u3", "device_id:kiosk"),
            Row("k4", 4, "email:staff@x", "device_id:kiosk"),
            Row("p1", 5, "user_id:u1", "device_id:pair"),
            Row("p2", 6, "user_id:u2", "device_id:pair"),
        ]);

        var shared = result.Shared.ShouldHaveSingleItem();
        shared.Value.ShouldBe("kiosk");
        shared.LinksByType.ShouldBe(new Dictionary<string, int> { ["email"] = 1, ["user_id"] = 3 });
        result.ProfileMembers().ShouldBe(["user_id:u1 device_id:pair", "device_id:kiosk", "user_id:u2", "user_id:u3", "email:staff@x"]);
        result.Refused.ShouldHaveSingleItem().LimitType.ShouldBe("user_id"); // "pair" has 2 links: not shared, but limited
        result.Edges.Count.ShouldBe(6); // the audit of section 4 keeps the dropped edges
    }

    [Fact]
    public void Amplitude_uses_user_ids_else_device_ids_never_short_ones()
    {
        var result = IdentityOracle.Run(Standard(), [
            Row("r1", 1, "user_id:user-1", "device_id:dev-1", "device_id:dev-22"),
            Row("r2", 2, "user_id:u2", "device_id:dev-3", "device_id:d4"),
            Row("r3", 3, "email:lone@x"),
        ]);

        var byCanonical = result.Profiles.ToDictionary(p => p.CanonicalValue);
        byCanonical["user-1"].AmplitudeUserIds.ShouldBe(["user-1"]);
        byCanonical["user-1"].AmplitudeDeviceIds.ShouldBeEmpty();
        byCanonical["u2"].AmplitudeUserIds.ShouldBeEmpty();
        byCanonical["u2"].AmplitudeDeviceIds.ShouldBe(["dev-3"]);
        byCanonical["lone@x"].AddressableInAmplitude.ShouldBeFalse();
    }

    [Fact]
    public void Amplitude_minimum_length_is_configurable()
    {
        var rules = Standard() with { AmplitudeMinIdLength = 2 };

        var result = IdentityOracle.Run(rules, [Row("r1", 1, "user_id:u2")]);

        result.Profiles.Single().AmplitudeUserIds.ShouldBe(["u2"]);
    }
}
