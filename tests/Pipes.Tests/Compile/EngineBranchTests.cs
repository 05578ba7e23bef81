using System.Text.RegularExpressions;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Compile;

/// <summary>
/// No C# outside the Dialect classes branches on the engine (issue 13; style.md "Dialect"): engine differences are
/// dialect members, and engines are listed once (DialectRegistry, TargetFactory's table keyed by dialect).
/// </summary>
public sealed partial class EngineBranchTests
{
    [Fact]
    public void No_source_file_outside_the_dialects_compares_or_switches_on_an_engine_name()
    {
        var src = Path.Combine(RepoPaths.Root, "src");
        var dialects = Path.Combine(src, "Pipes.Core", "Dialects") + Path.DirectorySeparatorChar;
        var found = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(dialects, StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(src, f), Line: i + 1, Text: line)))
            .Where(l => EngineBranch().IsMatch(l.Text))
            .Select(l => $"{l.File}({l.Line}): {l.Text.Trim()}")
            .ToList();

        found.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("var findings = project.Dialect.Name == \"snowflake\"")]
    [InlineData("public static ITarget Open(Project project) => project.Dialect.Name switch")]
    [InlineData("    \"duckdb\" => DuckDbKeys,")]
    [InlineData("if (dialect is SnowflakeDialect) return;")]
    [InlineData("if (profile.Type == \"Snowflake\")")]
    public void The_pattern_catches_the_branches_it_replaced(string line) => EngineBranch().IsMatch(line).ShouldBeTrue();

    [GeneratedRegex("""Dialect\.Name\s*(==|!=|switch)|\bis\s+(not\s+)?(Snowflake|DuckDb)Dialect\b|(==|!=)\s*"(snowflake|duckdb)"|"(snowflake|duckdb)"\s*(=>|==|!=)|case\s+"(snowflake|duckdb)"|Name\s+switch""", RegexOptions.IgnoreCase)]
    private static partial Regex EngineBranch();
}
