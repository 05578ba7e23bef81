using Pipes.Core.Identity;
using static Pipes.Tests.Identity.TestRules;

namespace Pipes.Tests.Identity;

/// <summary>Section 2 on the oracle: normalisers, each invalid reason, placeholders, exclusions, audit samples.</summary>
public sealed class IdentityOracleValidationTests
{
    private static IdentityRules Rules(IdTypeRule type, IdExclusions? global = null) =>
        new() { Types = [type], GlobalExclusions = global ?? IdExclusions.None };

    private static OracleResult RunValues(IdentityRules rules, params string?[] values) =>
        IdentityOracle.Run(rules, values.Select((v, i) => new IdentityRow("src", $"r{i}", null, [new RawId(rules.Types[0].Name, v)])).ToList());

    [Fact]
    public void Normalisers_apply_in_order_after_trimming_spaces()
    {
        var phone = new IdTypeRule { Name = "phone", Priority = 1, Normalizers = [IdNormalizer.DigitsOnly] };
        RunValues(Rules(phone), " +1 (555) 123-4567 ").Nodes.Single().Value.ShouldBe("15551234567");

        var code = new IdTypeRule { Name = "code", Priority = 1, Normalizers = [IdNormalizer.RemoveWhitespace, IdNormalizer.Uppercase] };
        RunValues(Rules(code), "  ab\tc d\n").Nodes.Single().Value.ShouldBe("ABCD");

        var extracted = new IdTypeRule { Name = "sku", Priority = 1, Normalizers = [IdNormalizer.RegexExtract("id=([a-z0-9]+)"), IdNormalizer.Lowercase] };
        var result = RunValues(Rules(extracted), "x?id=ab12&y", "no id here");
        result.Nodes.Single().Value.ShouldBe("ab12");
        result.Invalid.Single().Reason.ShouldBe(InvalidReasons.NullOrEmpty);
    }

    [Fact]
    public void Unicode_values_and_values_repeated_in_a_row_count_as_documented()
    {
        var result = IdentityOracle.Run(IdentityFixtures.UnicodeAndRepeats().Rules, IdentityFixtures.UnicodeAndRepeats().Rows);

        result.Invalid.Select(i => $"{i.Type} {i.Reason} {i.Count}").ShouldBe(
        [
            "code null_or_empty 1", "code excluded 1", "code placeholder 1",
            "email excluded 2",
            "num null_or_empty 1",
            "user_id excluded 3",
            "word pattern_mismatch 2",
        ]);
        result.Nodes.Select(n => $"{n.Type}:{n.Value}").Order(StringComparer.Ordinal).ShouldBe(
            ["code:II", "code:STRAẞE1", "code:ǄX", "email:x\u00a0y@x", "email:οδος@x", "email:σοφια@x.gr", "num:12", "user_id:u-Σ1", "word:cafe.fr"],
            ignoreOrder: true);
    }

    [Fact]
    public void Trimming_removes_spaces_only()
    {
        var type = new IdTypeRule { Name = "anon_id", Priority = 1 };
        RunValues(Rules(type), "  a1  ", "\ta1").Nodes.Select(n => n.Value).ShouldBe(["\ta1", "a1"]);
    }

    [Fact]
    public void Case_variants_are_one_node_only_when_a_normaliser_says_so()
    {
        var rows = new[] { Row("r1", 1, "email:Ann@X.io"), Row("r2", 2, "email:ann@x.IO"), Row("r3", 0, "user_id:Ann"), Row("r4", 0, "user_id:ann") };

        var result = IdentityOracle.Run(Standard(), rows);

        result.Nodes.Select(n => $"{n.Type}:{n.Value}").ShouldBe(["user_id:Ann", "user_id:ann", "email:ann@x.io"]);
        result.Node("email", "ann@x.io").LastSeen.ShouldBe(Day(2));
    }

    [Fact]
    public void Each_reason_is_the_first_that_applies_and_is_counted_with_samples()
    {
        var type = new IdTypeRule
        {
            Name = "user_id", Priority = 1, MinLength = 3, MaxLength = 6, Pattern = "[a-z0-9-]+",
            Exclusions = new IdExclusions(["tester"], ["qa-[0-9]+"]),
        };
        var result = RunValues(Rules(type, new IdExclusions(["GLOBAL"], [])),
            null, "", "   ", "ab", "n/a", "abcdefg", "Abc", "abc!", "TESTER", "QA-12", "global", "00-0", "none", "unknown", "ok1");

        result.Invalid.Select(i => (i.Reason, i.Count, string.Join("|", i.Samples.Select(s => s ?? "<null>")))).ShouldBe([
            (InvalidReasons.NullOrEmpty, 3, "<null>||   "),
            (InvalidReasons.TooShort, 1, "ab"),
            (InvalidReasons.TooLong, 2, "abcdefg|unknown"),
            (InvalidReasons.PatternMismatch, 5, "Abc|QA-12|TESTER"), // also abc! and n/a; samples in byte order
            (InvalidReasons.Excluded, 1, "global"),
            (InvalidReasons.Placeholder, 2, "00-0|none"),
        ]);
        result.Nodes.Single().Value.ShouldBe("ok1");
    }

    [Fact]
    public void Exclusions_are_case_insensitive_and_regexes_match_the_whole_value()
    {
        var type = new IdTypeRule { Name = "email", Priority = 1, Exclusions = new IdExclusions(["Support@Acme.com"], ["test.*@acme\\.com"]) };
        var result = RunValues(Rules(type), "support@acme.COM", "TEST1@acme.com", "my-test1@acme.com", "test1@acme.community");

        result.Invalid.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            i => i.Reason.ShouldBe(InvalidReasons.Excluded),
            i => i.Count.ShouldBe(2));
        result.Nodes.Select(n => n.Value).ShouldBe(["my-test1@acme.com", "test1@acme.community"]);
    }

    public static TheoryData<string> Placeholders()
    {
        // The documented placeholders (docs/identity.md), written out here rather than read from the list under test.
        string[] documented = ["null", "none", "nil", "undefined", "unknown", "anonymous", "n/a", "na", "0", "-1", "{}", "00000000-0000-0000-0000-000000000000", "lmy47d"];
        var values = documented
            .Concat(documented.Select(v => v.ToUpperInvariant()))
            .Concat(["-", "00", "0-0", "--", "0000-0000", " NULL ", "Anonymous", "nA"]);
        return new TheoryData<string>(values.Distinct(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Placeholders))]
    public void Built_in_placeholders_are_dropped_in_any_case(string value)
    {
        var type = new IdTypeRule { Name = "device_id", Priority = 1 };

        var result = RunValues(Rules(type), value);

        result.Nodes.ShouldBeEmpty();
        result.Invalid.ShouldHaveSingleItem().Reason.ShouldBe(InvalidReasons.Placeholder);
    }

    [Theory]
    [InlineData("0-1")]
    [InlineData("00a")]
    [InlineData("nulls")]
    [InlineData("-2")]
    public void Near_placeholders_are_valid(string value)
    {
        var type = new IdTypeRule { Name = "device_id", Priority = 1 };

        RunValues(Rules(type), value).Nodes.ShouldHaveSingleItem();
    }

    [Fact]
    public void Samples_are_the_three_smallest_distinct_raw_values()
    {
        var type = new IdTypeRule { Name = "user_id", Priority = 1, MinLength = 5 };

        var invalid = RunValues(Rules(type), "dd", "bb", "aa", "bb", "cc").Invalid.Single();

        invalid.Count.ShouldBe(4); // the two "bb" rows are equal in all identity reads: one row, as the fingerprint makes them
        invalid.Samples.ShouldBe(["aa", "bb", "cc"]);
    }

    [Fact]
    public void Lengths_count_code_points()
    {
        var type = new IdTypeRule { Name = "anon_id", Priority = 1, MaxLength = 2 };

        RunValues(Rules(type), "\U0001F600\U0001F600", "abc").Nodes.Single().Value.ShouldBe("\U0001F600\U0001F600");
    }
}
