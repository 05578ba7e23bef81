using System.Text.RegularExpressions;
using Pipes.Core.Dialects;

namespace Pipes.Tests.Snowflake;

/// <summary>
/// The Snowflake side of property coercion, checked as text (no account exists): the same acceptance patterns as the
/// DuckDB SQL that AcceptedFormsTests runs, written in syntax RE2 and POSIX ERE read alike, and explicit formats only.
/// </summary>
public sealed class SnowflakeCoercionTests
{
    private static readonly string[] Types = ["number", "integer", "boolean", "datetime", "array", "object"];

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void Both_engines_decide_with_the_same_patterns(string type)
    {
        Patterns(SnowflakeDialect.Instance, type).ShouldBe(Patterns(DuckDbDialect.Instance, type));
    }

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void Patterns_avoid_what_RE2_and_POSIX_ERE_read_differently(string type)
    {
        foreach (var pattern in Patterns(SnowflakeDialect.Instance, type))
        {
            pattern.ShouldNotContain("\\", customMessage: "a backslash is literal inside POSIX brackets and an escape in RE2");
            pattern.ShouldNotContain("[[:", customMessage: "POSIX classes are not RE2 syntax outside brackets");
            pattern.ShouldNotContain("(?", customMessage: "no Perl groups or flags in POSIX ERE");
        }
    }

    [Fact]
    public void Timestamps_are_parsed_with_an_explicit_format_never_the_session_AUTO()
    {
        var sql = Full(SnowflakeDialect.Instance, "datetime");
        Regex.Matches(sql, @"TRY_TO_TIMESTAMP\w*\(").Count.ShouldBe(1);
        sql.ShouldContain(", 'YYYY-MM-DD HH24:MI:SS.FF6')");
        sql.ShouldNotContain("TRY_CAST");
        sql.ShouldNotContain("::TIMESTAMP");
    }

    [Fact]
    public void Integers_are_range_checked_before_the_cast_so_NUMBER_38_holds_only_BIGINT_values()
    {
        var sql = Full(SnowflakeDialect.Instance, "integer");
        sql.ShouldContain(Dialect.MaxInteger);
        sql.IndexOf(Dialect.MaxInteger, StringComparison.Ordinal).ShouldBeLessThan(sql.IndexOf("AS NUMBER(38,0)", StringComparison.Ordinal));
    }

    public static TheoryData<string> TypeNames() => new(Types);

    private static string Full(Dialect dialect, string type) =>
        dialect.CoercionConvert(type, "t") + "\n" + dialect.CoercionReason(type, "t", "x");

    /// <summary>The regular expressions in the coercion SQL (the second argument of the regex calls), sorted.</summary>
    private static List<string> Patterns(Dialect dialect, string type) =>
        Regex.Matches(Full(dialect, type), @"(?:regexp_full_match|REGEXP_LIKE|regexp_extract|REGEXP_SUBSTR)\([^']*'((?:[^']|'')*)'")
            .Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList(); // argument order differs (DATEADD)
}
