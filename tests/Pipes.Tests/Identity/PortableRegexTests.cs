using Pipes.Core.Identity;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Identity;

/// <summary>
/// <see cref="PortableRegex"/>: what both engines read the same way is accepted (and DuckDB's RE2 really compiles
/// it); everything .NET accepts but RE2 or Snowflake's POSIX syntax does not is refused, with where and why.
/// </summary>
public sealed class PortableRegexTests
{
    public static TheoryData<string> Portable() => new(
        "^[^@[:space:]]+@[^@[:space:]]+$", @"^qa\+.*@acme\.com$", "555.*", "^[0-]+$", @"^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$", @"(\d+)",
        "[]a]", "[^]a]", "[a-]", "[-a]", "a{2}", "a{2,}", "a{2,5}", "a{0,1000}", "[[:alpha:]]+[[:digit:]]", @"\bword\B", @"\D\S\W",
        "é+ü", "😀+", "[é-ü]", "a|b|", "()", @"\.\\\-\[\]\{\}\(\)\*\+\?\|\^\$\/", "x}", "", @"(a|(b))*c?", "[[:digit:][:space:]_]", "[.*+?(){}|^$]");

    public static TheoryData<string, int, string> NotPortable() => new()
    {
        { "^(?=u_)x", 2, "lookahead" },
        { "a(?!b)", 2, "lookahead" },
        { "(?<=a)b", 1, "lookbehind" },
        { "(?<!a)b", 1, "lookbehind" },
        { "(?>a+)b", 1, "atomic" },
        { "(?<name>a)", 1, "named group" },
        { "(?P<name>a)", 1, "named group" },
        { "(?:a)b", 1, "non-capturing" },
        { "(?i)abc", 1, "inline flag" },
        { "(a)\\1", 4, "backreferences" },
        { "\\k<n>", 1, "named backreferences" },
        { "a+?", 3, "lazy" },
        { "a*?", 3, "lazy" },
        { "a??", 3, "lazy" },
        { "a{2,3}?", 7, "lazy" },
        { "a++", 3, "possessive" },
        { "a**", 3, "cannot follow another quantifier" },
        { "*a", 1, "nothing to repeat" },
        { "a|+", 3, "nothing to repeat" },
        { "^*", 2, "nothing to repeat" },
        { "\\Aabc\\z", 1, "use ^ and $" },
        { "\\p{L}+", 1, "Unicode classes" },
        { "\\QA.B\\E", 1, "quoting" },
        { "\\t", 1, "documented escapes" },
        { "\\x41", 1, "documented escapes" },
        { "\\q", 1, "unknown escape" },
        { "a{1001}", 2, "above 1000" },
        { "a{5,2}", 2, "below its minimum" },
        { "a{,5}", 2, "must be a repeat" },
        { "a{x}", 2, "must be a repeat" },
        { "[z-a]", 2, "out of order" },
        { "[a-c-e]", 5, "'-' inside [ ]" },
        { "[\\d-z]", 2, "backslash inside [ ]" },
        { "^[^@\\s]+$", 5, "backslash inside [ ]" },
        { "[a\\]]", 3, "backslash inside [ ]" },
        { "[[:word:]]", 2, "unknown character class name" },
        { "[[=a=]]", 2, "equivalence classes" },
        { "[\\b]", 2, "backslash inside [ ]" },
        { "[abc", 1, "missing ']'" },
        { "(ab", 4, "missing ')'" },
        { "ab)", 3, "unmatched ')'" },
        { "ab\\", 3, "lone backslash" },
    };

    [Theory]
    [MemberData(nameof(Portable))]
    public async Task Portable_patterns_are_accepted_and_compile_in_duckdbs_re2(string pattern)
    {
        PortableRegex.Check(pattern).Error.ShouldBeNull();

        await using var db = DuckDb.InMemory();
        var matched = await db.ScalarAsync($"SELECT regexp_full_match('abc', '{pattern.Replace("'", "''")}')");
        matched.ShouldBeOfType<bool>();
    }

    [Theory]
    [MemberData(nameof(NotPortable))]
    public void Other_syntax_is_refused_with_its_position_and_reason(string pattern, int position, string reason)
    {
        var result = PortableRegex.Check(pattern);

        result.Error.ShouldNotBeNull();
        result.Error.ShouldContain(reason);
        result.Position.ShouldBe(position);
    }

    [Theory]
    [InlineData("(a)(b(c))", 3)]
    [InlineData(@"\(a\)", 0)]
    [InlineData("[(]x", 0)]
    [InlineData("no groups", 0)]
    public void Capturing_groups_are_counted(string pattern, int groups) => PortableRegex.Check(pattern).Groups.ShouldBe(groups);

    [Fact]
    public void A_thousand_random_patterns_never_throw()
    {
        var random = new Random(7);
        const string alphabet = @"ab()[]{}\^$|*+?.:-=!<>,0123456789dswbpkxQE";
        for (var i = 0; i < 1000; i++)
        {
            var pattern = new string(Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var result = PortableRegex.Check(pattern);
            if (result.Error is not null) result.Position.ShouldBeInRange(1, pattern.Length + 1, pattern);
        }
    }
}
