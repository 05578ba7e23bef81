using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Properties;

/// <summary>The reject counts docs/properties.md quotes for the sample project are what a DuckDB build gives.</summary>
public sealed class SampleRejectsDocTests
{
    [Fact]
    public async Task The_documented_sample_rejects_are_measured()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "properties.md"));
        var block = doc[doc.IndexOf("## The sample project", StringComparison.Ordinal)..];
        block = block[(block.IndexOf("```\n", StringComparison.Ordinal) + 4)..];
        var documented = block[..block.IndexOf("```", StringComparison.Ordinal)].Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Select(l => string.Join(" ", l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();

        using var project = TestProject.SampleOnDuckDb();
        var (code, stdout, stderr) = project.Run("build");
        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        await using var db = DuckDb.Open(project);
        var measured = (await db.QueryAsync("SELECT model, column_name, reason, COUNT(*) FROM pipes_property_rejects GROUP BY ALL ORDER BY ALL"))
            .Select(r => string.Join(" ", r.Select(v => v?.ToString()))).ToList();

        measured.ShouldBe(documented);
    }
}
