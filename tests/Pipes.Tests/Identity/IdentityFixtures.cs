using Pipes.Core.Identity;

namespace Pipes.Tests.Identity;

/// <summary>
/// Generators of the adversarial inputs of section 9 as plain row lists. Deterministic: randomness comes from a
/// seeded <see cref="Random"/>. Node order is steered through values (zero-padded, so byte order = number order)
/// and observed days.
/// </summary>
public static class IdentityFixtures
{
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static DateTime Day(int day) => Start.AddDays(day);

    private static IdentityRow Row(string key, DateTime? at, params RawId[] ids) => new("fixture", key, at, ids);

    private static RawId Id(string type, string? value) => new(type, value);

    /// <summary>Numbers 0..n-1 in the order a path visits them.</summary>
    private static int[] Order(int n, PathLabels labels, int seed)
    {
        var order = Enumerable.Range(0, n).ToArray();
        if (labels == PathLabels.Reversed)
            Array.Reverse(order);
        if (labels == PathLabels.Shuffled)
            new Random(seed).Shuffle(order);
        return order;
    }

    /// <summary>A path of n anon_ids (no limit), one row per link, all on one day.</summary>
    public static IdentityFixture Path(int n, PathLabels labels, int seed = 1)
    {
        var order = Order(n, labels, seed);
        var rows = Enumerable.Range(0, n - 1)
            .Select(i => Row($"p{i}", null, Id("anon_id", $"a{order[i]:D6}"), Id("anon_id", $"a{order[i + 1]:D6}")))
            .ToList();
        return new($"path-{n}-{labels}", TestRules.Standard(), rows);
    }

    /// <summary>A path alternating user_id and device_id (user limit 1), so the ordered split runs on one long component.</summary>
    public static IdentityFixture UserDevicePath(int n, PathLabels labels, int seed = 1)
    {
        var order = Order(n, labels, seed);
        RawId At(int i) => i % 2 == 0 ? Id("user_id", $"u{order[i]:D6}") : Id("device_id", $"d{order[i]:D6}");
        var rows = Enumerable.Range(0, n - 1).Select(i => Row($"p{i}", Day(order[i] % 7), At(i), At(i + 1))).ToList();
        return new($"user-device-path-{n}-{labels}", TestRules.Standard(), rows);
    }

    /// <summary>A ring of n anon_ids, and one of emails (limit 3) that the ordered split must cut.</summary>
    public static IdentityFixture Cycle(int n, string type = "anon_id")
    {
        var rows = Enumerable.Range(0, n)
            .Select(i => Row($"c{i}", Day(i % 3), Id(type, $"{type[0]}{i:D6}"), Id(type, $"{type[0]}{(i + 1) % n:D6}")))
            .ToList();
        return new($"cycle-{n}-{type}", TestRules.Standard(), rows);
    }

    /// <summary>One device linked to n emails (limit 3); the device is the oldest node or the newest.</summary>
    public static IdentityFixture Star(int n, bool hubOldest)
    {
        var rows = new List<IdentityRow>();
        if (hubOldest)
            rows.Add(Row("solo-hub", Day(0), Id("device_id", "hub-device")));
        else
            rows.AddRange(Enumerable.Range(0, n).Select(i => Row($"solo{i}", Day(0), Id("email", $"e{i:D6}@x"))));
        rows.AddRange(Enumerable.Range(0, n).Select(i => Row($"s{i}", Day(1), Id("device_id", "hub-device"), Id("email", $"e{n - 1 - i:D6}@x"))));
        return new($"star-{n}-hub-{(hubOldest ? "oldest" : "newest")}", TestRules.Standard(), rows);
    }

    /// <summary>Every pair of n emails in its own row: n(n-1)/2 edges in one component that limits split into threes.</summary>
    public static IdentityFixture Clique(int n)
    {
        var rows = new List<IdentityRow>();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
                rows.Add(Row($"k{i}-{j}", Day((i * 31 + j) % 5), Id("email", $"e{i:D4}@x"), Id("email", $"e{j:D4}@x")));
        }

        return new($"clique-{n}", TestRules.Standard(), rows);
    }

    /// <summary>user0 - dev0 - user1 - dev1 - ...: each device shared by two users; with user limit 1 every device picks one.</summary>
    public static IdentityFixture SharedDeviceChain(int users, int seed = 1)
    {
        var random = new Random(seed);
        var rows = new List<IdentityRow>();
        for (var i = 0; i + 1 < users; i++)
        {
            rows.Add(Row($"a{i}", Day(random.Next(10)), Id("user_id", $"user{i:D5}"), Id("device_id", $"dev{i:D5}")));
            rows.Add(Row($"b{i}", Day(random.Next(10)), Id("user_id", $"user{i + 1:D5}"), Id("device_id", $"dev{i:D5}")));
        }

        return new($"shared-device-chain-{users}", TestRules.Standard(), rows);
    }

    /// <summary>A kiosk device linked to <paramref name="links"/> users (max_links 1000 drops it), beside ordinary pairs.</summary>
    public static IdentityFixture Kiosk(int links)
    {
        var rules = TestRules.Standard(deviceMaxLinks: new Dictionary<string, int> { ["user_id"] = 1000 });
        var rows = Enumerable.Range(0, links)
            .Select(i => Row($"k{i}", Day(i % 30), Id("user_id", $"user{i:D6}"), Id("device_id", "kiosk-01"), Id("device_id", $"phone{i % 500:D6}")))
            .ToList();
        return new($"kiosk-{links}", rules, rows);
    }

    /// <summary>Emails in many cases (one node after lowercase) and user ids that differ by case (distinct nodes).</summary>
    public static IdentityFixture CaseVariants()
    {
        string[] emails = ["Ann@Example.com", "ann@example.com", "ANN@EXAMPLE.COM", " ann@Example.COM "];
        var rows = emails.Select((e, i) => Row($"e{i}", Day(i), Id("email", e), Id("user_id", i % 2 == 0 ? "Ann-1" : "ann-1"))).ToList();
        rows.Add(Row("d", Day(9), Id("device_id", "Dev-ABC"), Id("device_id", "dev-abc"), Id("email", "ANN@example.com")));
        return new("case-variants", TestRules.Standard(), rows);
    }

    /// <summary>Every built-in placeholder (in three cases) as the device of a distinct user: none may link users.</summary>
    public static IdentityFixture Placeholders()
    {
        var values = IdentityPlaceholders.Values
            .SelectMany(v => new[] { v, v.ToUpperInvariant(), " " + v + " " })
            .Concat(["-", "--", "0-0", "000", "", "   ", null])
            .ToList();
        var rows = values.Select((v, i) => Row($"r{i}", Day(i % 4), Id("user_id", $"user{i:D3}"), Id("device_id", v), Id("email", v))).ToList();
        return new("placeholders", TestRules.Standard(), rows);
    }

    /// <summary>
    /// Households: each shared email (limit 3) reaches several users (limit 1), each with own devices and emails,
    /// and households share a tablet, so refusals cascade through user, email and device links.
    /// </summary>
    public static IdentityFixture Households(int households, int usersPerHousehold, int seed = 1)
    {
        var random = new Random(seed);
        var rows = new List<IdentityRow>();
        for (var h = 0; h < households; h++)
        {
            for (var u = 0; u < usersPerHousehold; u++)
            {
                var user = $"user{h:D3}{u:D2}";
                rows.Add(Row($"{user}-home", Day(random.Next(20)), Id("user_id", user), Id("email", $"home{h:D3}@x")));
                rows.Add(Row($"{user}-own", Day(random.Next(20)), Id("user_id", user), Id("email", $"{user}@x"), Id("device_id", $"ph-{user}")));
                rows.Add(Row($"{user}-alt", Day(random.Next(20)), Id("email", $"{user}@x"), Id("email", $"{user}.alt{u % 4}@x")));
            }

            rows.Add(Row($"tablet{h}", Day(random.Next(20)), Id("email", $"home{h:D3}@x"), Id("device_id", $"tablet{h / 2:D3}")));
        }

        return new($"households-{households}x{usersPerHousehold}", TestRules.Standard(), rows);
    }

    /// <summary>
    /// Non-ASCII values against normalisers and exclusions (docs/identity.md "Non-ASCII text"), and values repeated in
    /// one row, which are one observation each (section 1).
    /// </summary>
    public static IdentityFixture UnicodeAndRepeats()
    {
        var rules = new IdentityRules
        {
            Types =
            [
                new IdTypeRule { Name = "user_id", Priority = 1, Limit = 1, Exclusions = new IdExclusions(["İSTANBUL-1"], []) },
                new IdTypeRule { Name = "email", Priority = 2, Limit = 3, Normalizers = [IdNormalizer.Lowercase], Exclusions = new IdExclusions(["STRAẞE@X.DE"], ["école.*"]) },
                new IdTypeRule { Name = "code", Priority = 3, Normalizers = [IdNormalizer.Uppercase, IdNormalizer.RemoveWhitespace] },
                new IdTypeRule { Name = "word", Priority = 4, Pattern = @"\w+(\.[[:alpha:]]+)?\b" },
                new IdTypeRule { Name = "num", Priority = 5, Normalizers = [IdNormalizer.RegexExtract(@"(\d+)\s?$")] },
            ],
            GlobalExclusions = new IdExclusions(["ΟΔΟΣ"], []),
        };
        IdentityRow[] rows =
        [
            Row("r0", Day(0), Id("user_id", "istanbul-1"), Id("email", "Straße@x.de"), Id("code", "straße 1")),
            Row("r1", Day(1), Id("user_id", "İSTANBUL-1"), Id("email", "ÉCOLE@x.fr"), Id("code", "ıi")),
            Row("r2", Day(2), Id("user_id", "u-Σ1"), Id("user_id", "u-Σ1"), Id("email", "ΣΟΦΙΑ@x.gr"), Id("email", "ΣΟΦΙΑ@x.gr"), Id("email", "σοφια@X.GR"), Id("code", "ǅ x")),
            Row("r3", Day(3), Id("user_id", "ΟΔΟΣ"), Id("email", "οδος@x"), Id("code", "ΟΔΟΣ"), Id("code", "n/a"), Id("code", "n/a"), Id("code", null), Id("code", null)),
            Row("r4", Day(4), Id("user_id", "u-Σ1"), Id("code", "ǅ x"), Id("code", "Ǆ X"), Id("email", "x\u00a0y@x")),
            Row("r5", Day(5), Id("word", "café"), Id("word", "cafe.fr"), Id("word", "cafe.été"), Id("num", "n٣12"), Id("num", "n٣"), Id("num", "n12\n"), Id("user_id", "u-Σ1")),
        ];
        return new("unicode-and-repeats", rules, rows);
    }

    /// <summary>The adversarial set of section 9 by name; factories, so a test builds only the fixture it runs.</summary>
    public static IReadOnlyDictionary<string, Func<IdentityFixture>> Catalog { get; } = new Dictionary<string, Func<IdentityFixture>>
    {
        ["path-sorted"] = () => Path(10_000, PathLabels.Sorted),
        ["path-reversed"] = () => Path(10_000, PathLabels.Reversed),
        ["path-shuffled"] = () => Path(10_000, PathLabels.Shuffled),
        ["user-device-path-sorted"] = () => UserDevicePath(10_000, PathLabels.Sorted),
        ["user-device-path-reversed"] = () => UserDevicePath(10_000, PathLabels.Reversed),
        ["user-device-path-shuffled"] = () => UserDevicePath(10_000, PathLabels.Shuffled),
        ["cycle"] = () => Cycle(1_000),
        ["cycle-email"] = () => Cycle(999, "email"),
        ["star-hub-oldest"] = () => Star(500, hubOldest: true),
        ["star-hub-newest"] = () => Star(500, hubOldest: false),
        ["clique"] = () => Clique(200),
        ["shared-device-chain"] = () => SharedDeviceChain(2_000),
        ["kiosk"] = () => Kiosk(100_000),
        ["case-variants"] = CaseVariants,
        ["placeholders"] = Placeholders,
        ["households"] = () => Households(50, 6),
        ["unicode-and-repeats"] = UnicodeAndRepeats,
    };
}
