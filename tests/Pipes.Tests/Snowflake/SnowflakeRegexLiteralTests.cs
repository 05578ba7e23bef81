using System.Text;
using System.Text.RegularExpressions;
using Pipes.Core.Dialects;
using Pipes.Tests.Compile;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Snowflake;

/// <summary>
/// Regexes in compiled Snowflake SQL are read alike by Snowflake's POSIX ERE and DuckDB's RE2 (issue 13): inside a
/// bracket expression a backslash is a literal for POSIX and an escape for RE2, so no bracket expression holds one.
/// The regex literals are taken from the SQL text of every REGEXP_* call and parsed.
/// </summary>
public sealed partial class SnowflakeRegexLiteralTests
{
    [Fact]
    public void No_regex_in_the_compiled_sample_has_a_backslash_inside_brackets()
    {
        using var project = TestProject.CopyOfSample();
        // Every built-in normaliser in play, so the macros' own regexes are checked too.
        var rules = project.Read("models/identity.yml");
        project.Write("models/identity.yml", rules.Replace("normalize: [lowercase]", "normalize: [lowercase, remove_whitespace, digits_only]"));
        project.Read("models/identity.yml").ShouldNotBe(rules);
        project.Compile(project.Options() with { Target = "prod" }).ExitCode.ShouldBe(0);
        var sql = SampleProjectSnapshotTests.CompiledText(project, "prod", ".");

        var patterns = RegexLiterals(sql).Distinct().ToList();

        patterns.Count.ShouldBeGreaterThan(5); // guards against a parser that finds nothing
        patterns.Where(p => BackslashInsideBrackets(p) is not null).Select(p => $"{p}: {BackslashInsideBrackets(p)}").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("[^@\\s]+", 3)]
    [InlineData("[^\"\\\\]", 3)]
    [InlineData("a[]x]\\]", null)] // ']' first is literal; the backslash after the class is outside it
    [InlineData("a[]\\]]", 3)] // POSIX: the class is []\], a backslash among its members
    [InlineData("[^][{}]", null)]
    [InlineData("[[:space:]\\d]", 10)]
    [InlineData("\\[x\\]", null)]
    public void Checker_finds_a_backslash_only_inside_a_bracket_expression(string pattern, int? at) =>
        BackslashInsideBrackets(pattern).ShouldBe(at);

    [Fact]
    public void Snowflake_string_literals_are_read_back_as_written()
    {
        var pattern = "a\\.b'c";
        var literal = SnowflakeDialect.Instance.StringLiteral(pattern);
        RegexLiterals($"REGEXP_LIKE(v, {literal})").ShouldBe([pattern]);
    }

    /// <summary>The pattern argument of each REGEXP_LIKE / REGEXP_REPLACE / REGEXP_SUBSTR call, unescaped from Snowflake's literal syntax.</summary>
    public static IEnumerable<string> RegexLiterals(string sql)
    {
        foreach (Match m in RegexCall().Matches(sql))
        {
            var i = m.Index + m.Length;
            // Skip the subject: up to the comma at depth 0, outside string literals.
            var depth = 0;
            for (; i < sql.Length; i++)
            {
                var c = sql[i];
                if (c == '\'') i = EndOfLiteral(sql, i, out _);
                else if (c == '(') depth++;
                else if (c == ')') depth--;
                else if (c == ',' && depth == 0) break;
            }
            i++;
            while (i < sql.Length && sql[i] == ' ') i++;
            if (i >= sql.Length || sql[i] != '\'') continue; // a pattern that is not a literal is not checked here
            EndOfLiteral(sql, i, out var text);
            yield return text;
        }
    }

    /// <summary>Index of the closing quote of the literal opening at <paramref name="start"/>; backslash escapes and '' read as Snowflake does.</summary>
    private static int EndOfLiteral(string sql, int start, out string text)
    {
        var b = new StringBuilder();
        for (var i = start + 1; i < sql.Length; i++)
        {
            if (sql[i] == '\\' && i + 1 < sql.Length) b.Append(sql[++i]);
            else if (sql[i] == '\'' && i + 1 < sql.Length && sql[i + 1] == '\'') { b.Append('\''); i++; }
            else if (sql[i] == '\'') { text = b.ToString(); return i; }
            else b.Append(sql[i]);
        }
        throw new InvalidOperationException("unterminated string literal");
    }

    /// <summary>Position of the first backslash inside a bracket expression (POSIX reading: ']' first is literal, [:name:] nested), or null.</summary>
    public static int? BackslashInsideBrackets(string p)
    {
        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] == '\\') { i++; continue; }
            if (p[i] != '[') continue;
            i++;
            if (i < p.Length && p[i] == '^') i++;
            if (i < p.Length && p[i] == ']') i++;
            for (; i < p.Length && p[i] != ']'; i++)
            {
                if (p[i] == '\\') return i;
                if (p[i] == '[' && i + 1 < p.Length && p[i + 1] == ':')
                    i = p.IndexOf(":]", i + 2, StringComparison.Ordinal) + 1;
            }
        }
        return null;
    }

    [GeneratedRegex(@"\bREGEXP_(LIKE|REPLACE|SUBSTR)\(")]
    private static partial Regex RegexCall();
}
