using System.Security.Cryptography;
using System.Text;
using Pipes.Core.Dialects;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Compile;

/// <summary>What every dialect must mean, checked by running DuckDB's SQL for real and Snowflake's as text.</summary>
public sealed class DialectConformanceTests
{
    private static readonly Dialect Duck = DuckDbDialect.Instance;
    private static readonly Dialect Snow = SnowflakeDialect.Instance;

    [Fact]
    public async Task DuckDb_expressions_compute_what_the_dialect_promises()
    {
        await using var db = DuckDb.InMemory();
        (await db.ScalarAsync($"SELECT {Duck.SafeCast("'abc'", "integer")}")).ShouldBeNull();
        (await db.ScalarAsync($"SELECT {Duck.SafeCast("'42'", "integer")}")).ShouldBe(42L);
        (await db.ScalarAsync($"SELECT {Duck.CastText("'2026-01-02'", "date")}")).ShouldBe(new DateOnly(2026, 1, 2));
        (await db.ScalarAsync($"SELECT {Duck.JsonPathText("'{\"a\":{\"b\":\"x\"}}'::JSON", "a.b")}")).ShouldBe("x");
        (await db.ScalarAsync($"SELECT {Duck.StringLiteral("it's \\ fine")}")).ShouldBe("it's \\ fine");
        (await db.ScalarAsync($"SELECT {Duck.Sha256Hex("'email:a@b.c'")}"))
            .ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("email:a@b.c"))));
        var flattened = await db.QueryAsync(
            $"SELECT {Duck.FlattenedText("f")} FROM (SELECT '[\"a\", 2]'::JSON AS arr) AS t, {Duck.Flatten("t.arr", "f")} ORDER BY 1");
        flattened.Select(r => r[0]).ShouldBe(new object?[] { "2", "a" });
    }

    [Fact]
    public async Task DuckDb_relation_names_keep_case_and_quote_safely()
    {
        await using var db = DuckDb.InMemory();
        var relation = Duck.Relation(null, "main", "odd \"name\"");
        relation.ShouldBe("\"main\".\"odd \"\"name\"\"\"");
        await db.QueryAsync($"CREATE TABLE {relation} AS SELECT 1 AS x");
        (await db.ScalarAsync($"SELECT x FROM {relation}")).ShouldBe(1);
    }

    public static TheoryData<string> HostileTexts() => new("plain", "it's", "''", "\\", "a\\'b", "\\n is not a newline", "line\nbreak", "tab\there", "$$", "\"quoted\"", "ünïcødé 💥", "");

    /// <summary>
    /// Snowflake reads a single-quoted constant with backslash escapes and doubled quotes (docs: "String &amp; binary
    /// data types", escape sequences); this decoder follows those rules, so the literal must read back as the text.
    /// </summary>
    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void A_snowflake_string_literal_reads_back_as_its_text(string text) =>
        ReadSnowflakeLiteral(Snow.StringLiteral(text)).ShouldBe(text);

    /// <summary>A double-quoted Snowflake identifier doubles its quotes; unquoted names are upper-cased, so a quoted one must be too.</summary>
    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void A_snowflake_relation_names_the_upper_cased_identifier(string name)
    {
        if (name.Length == 0) return;
        var parts = SplitQuoted(Snow.Relation("analytics", "pipes", name));
        parts.ShouldBe(["ANALYTICS", "PIPES", name.ToUpperInvariant()]);
    }

    private static string ReadSnowflakeLiteral(string literal)
    {
        literal[0].ShouldBe('\'');
        var text = new StringBuilder();
        var i = 1;
        for (; i < literal.Length; i++)
        {
            var c = literal[i];
            if (c == '\\')
            {
                var e = literal[++i];
                text.Append(e switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', 'b' => '\b', 'f' => '\f', _ => e });
            }
            else if (c == '\'')
            {
                if (i + 1 < literal.Length && literal[i + 1] == '\'') { text.Append('\''); i++; }
                else break;
            }
            else text.Append(c);
        }
        i.ShouldBe(literal.Length - 1, $"the literal ends early: {literal}");
        return text.ToString();
    }

    private static List<string> SplitQuoted(string relation)
    {
        var parts = new List<string>();
        for (var i = 0; i < relation.Length; i++)
        {
            relation[i].ShouldBe('"', relation);
            var part = new StringBuilder();
            for (i++; ; i++)
            {
                if (relation[i] != '"') part.Append(relation[i]);
                else if (i + 1 < relation.Length && relation[i + 1] == '"') { part.Append('"'); i++; }
                else break;
            }
            parts.Add(part.ToString());
            if (++i < relation.Length) relation[i].ShouldBe('.', relation);
        }
        return parts;
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Every_portable_type_has_an_engine_type(string name)
    {
        var dialect = DialectRegistry.Find(name)!;
        foreach (var type in Dialect.PortableTypes) dialect.TypeName(type).ShouldNotBeNullOrWhiteSpace();
        Should.Throw<ArgumentException>(() => dialect.TypeName("money"));
    }

    public static TheoryData<string> Dialects() => new(DialectRegistry.Names);
}

/// <summary>The dirty forms the property layer coerces on purpose, run on real DuckDB.</summary>
public sealed class CoercionConformanceTests
{
    private static readonly Dialect Duck = DuckDbDialect.Instance;

    [Theory]
    [InlineData("1234.5", 1234.5)]
    [InlineData("1,234.50", 1234.5)]
    [InlineData("  -7 ", -7.0)]
    [InlineData("n/a", null)]
    [InlineData("", null)]
    public async Task Numbers(string text, double? expected) =>
        (await Coerce(Duck.CoerceNumber, text)).ShouldBe(expected);

    [Theory]
    [InlineData("10", 10L)]
    [InlineData("12.0", 12L)]
    [InlineData("12.5", null)]
    [InlineData("10 seats", null)]
    public async Task Integers(string text, long? expected) =>
        (await Coerce(Duck.CoerceInteger, text)).ShouldBe(expected);

    [Theory]
    [InlineData("yes", true)]
    [InlineData(" Y ", true)]
    [InlineData("1", true)]
    [InlineData("TRUE", true)]
    [InlineData("no", false)]
    [InlineData("N", false)]
    [InlineData("0", false)]
    [InlineData("maybe", null)]
    public async Task Booleans(string text, bool? expected) =>
        (await Coerce(Duck.CoerceBoolean, text)).ShouldBe(expected);

    [Theory]
    [InlineData("2026-07-01", "2026-07-01T00:00:00")]
    [InlineData("2026-07-01T00:00:00Z", "2026-07-01T00:00:00")]
    [InlineData("2026-07-01T02:30:00+02:00", "2026-07-01T00:30:00")]
    [InlineData("1782864000", "2026-07-01T00:00:00")]
    [InlineData("1782864000000", "2026-07-01T00:00:00")]
    [InlineData("soon", null)]
    public async Task Datetimes(string text, string? expected) =>
        (await Coerce(Duck.CoerceDatetime, text)).ShouldBe(expected is null ? null : DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Snowflake's text (no account exists) accepts as booleans exactly the words DuckDB's SQL, executed, reads as
    /// booleans: the quoted words of its IN lists against what DuckDB returns for a list of candidates.
    /// </summary>
    [Fact]
    public async Task Snowflake_reads_as_booleans_the_words_DuckDB_does()
    {
        string[] candidates = ["true", "t", "yes", "y", "1", "on", "false", "f", "no", "n", "0", "off", "2", "-1", "nope", "truth", "ja"];
        var duck = new List<string>();
        foreach (var word in candidates)
            if (await Coerce(Duck.CoerceBoolean, word) is not null) duck.Add(word);

        var snowflake = System.Text.RegularExpressions.Regex.Matches(SnowflakeDialect.Instance.CoerceBoolean("x"), @"IN \(([^)]*)\)")
            .SelectMany(m => m.Groups[1].Value.Split(", ")).Select(w => w.Trim('\'')).ToHashSet(StringComparer.Ordinal);

        duck.Count.ShouldBe(10); // true, t, yes, y, 1 and their opposites
        snowflake.Order(StringComparer.Ordinal).ShouldBe(duck.Order(StringComparer.Ordinal));
    }

    private static async Task<object?> Coerce(Func<string, string> coerce, string text)
    {
        await using var db = DuckDb.InMemory();
        return await db.ScalarAsync($"SELECT {coerce(Duck.StringLiteral(text))}");
    }
}
