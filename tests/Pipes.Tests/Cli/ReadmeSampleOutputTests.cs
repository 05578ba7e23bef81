using System.Text.RegularExpressions;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Cli;

/// <summary>The README's sample output is what <c>pipes build</c> prints on the sample project, timings aside.</summary>
public sealed partial class ReadmeSampleOutputTests
{
    private const string Marker = "<!-- sample output: pipes build -->";

    [Fact]
    public void The_readme_block_is_a_real_build_of_the_sample()
    {
        using var project = TestProject.CopyOfSample();
        var (code, stdout, stderr) = project.Run("build");
        code.ShouldBe(0, stdout + stderr);
        stderr.ShouldBeEmpty();

        var readmePath = Path.Combine(RepoPaths.Root, "README.md");
        var readme = File.ReadAllText(readmePath);
        var start = readme.IndexOf(Marker, StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, $"README.md has no {Marker} line before the sample output block");
        var open = readme.IndexOf("```\n", start, StringComparison.Ordinal) + 4;
        var close = readme.IndexOf("\n```", open, StringComparison.Ordinal) + 1;
        var block = readme[open..close];
        if (Timings(block) != Timings(stdout) && Environment.GetEnvironmentVariable("PIPES_APPROVE") == "1")
        {
            File.WriteAllText(readmePath, readme[..open] + stdout + readme[close..]);
            return;
        }

        Timings(block).ShouldBe(Timings(stdout), "README.md's sample output differs from a real pipes build; review, then PIPES_APPROVE=1 rewrites it");
        // The counts agree: the header's nodes, the numbered lines and the total line.
        var header = int.Parse(HeaderCount().Match(stdout).Groups[1].Value);
        int.Parse(TotalCount().Match(stdout).Groups[1].Value).ShouldBe(header);
        LineNumbers().Matches(stdout).Select(m => m.Groups[2].Value).Distinct().ShouldBe([header.ToString()]);
        LineNumbers().Matches(stdout).Select(m => int.Parse(m.Groups[1].Value)).ShouldBe(Enumerable.Range(1, header));
        Regex.Matches(stdout, @"^\s*\d+ of \d+ (?!START)\w+\s+push\s", RegexOptions.Multiline).Count.ShouldBe(1); // the $identify push: one line
    }

    /// <summary>Every elapsed time becomes "#": "0.05s", "in 0.1 s", "Done in 1.29s".</summary>
    private static string Timings(string text) => Elapsed().Replace(text.ReplaceLineEndings("\n"), "#");

    [GeneratedRegex(@"\d+\.\d+ ?s\b")]
    private static partial Regex Elapsed();

    [GeneratedRegex(@"· (\d+) nodes")]
    private static partial Regex HeaderCount();

    [GeneratedRegex(@"TOTAL=(\d+)")]
    private static partial Regex TotalCount();

    [GeneratedRegex(@"^\s*(\d+) of (\d+) (?!START)", RegexOptions.Multiline)] // finished lines; a START line precedes each
    private static partial Regex LineNumbers();
}
