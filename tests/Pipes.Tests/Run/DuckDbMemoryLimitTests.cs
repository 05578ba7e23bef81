using Pipes.Core.Load;
using Pipes.Core.Targets;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Run;

/// <summary>
/// <c>memory_limit:</c> on a DuckDB output (docs/project-format.md): every connection of the run gets it, work beyond
/// it spills to disk instead of failing, and a value that is not a size is an error at its line in profiles.yml.
/// </summary>
public sealed class DuckDbMemoryLimitTests
{
    private static string Profile(string limit) =>
        $"acme:\n  target: local\n  outputs:\n    local:\n      type: duckdb\n      path: target/test.duckdb\n      memory_limit: {limit}\n";

    [Fact]
    public async Task Every_connection_of_a_run_gets_the_limit_and_the_build_succeeds_under_it()
    {
        using var project = TestProject.SampleOnDuckDb().Write("profiles.yml", Profile("200MiB"));

        var (code, stdout, stderr) = project.Run("build", project.Options() with { Threads = 4 });

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        var (loaded, bag) = ProjectLoader.Load(project.Root, new LoadOptions { ProfilesDirectory = project.Root });
        bag.HasErrors.ShouldBeFalse();
        await using var target = TargetFactory.Open(loaded!);
        await using var session = target.OpenSession();
        foreach (var t in new[] { target, session })
            (await t.ExecuteAsync("SELECT current_setting('memory_limit')", StatementContext.Adhoc("t"), CancellationToken.None)).Rows[0][0].ShouldBe("200.0 MiB");
        var (_, debug, _) = project.Invoke((o, output) => DebugTask.ExecuteAsync(o, output, CancellationToken.None).GetAwaiter().GetResult());
        debug.ShouldContain("memory limit 200.0 MiB");
    }

    [Fact]
    public async Task Work_larger_than_the_limit_spills_to_disk_instead_of_failing()
    {
        using var project = TestProject.SampleOnDuckDb().Write("profiles.yml", Profile("64MB"));
        var (loaded, _) = ProjectLoader.Load(project.Root, new LoadOptions { ProfilesDirectory = project.Root });
        await using var target = TargetFactory.Open(loaded!);
        var context = StatementContext.Adhoc("t");

        // About 200 MB of hash table for 4M groups of a text key: more than the limit.
        await target.ExecuteAsync("CREATE TABLE grouped AS SELECT 'key-' || (i % 4000000) AS k, COUNT(*) AS n FROM range(8000000) AS r(i) GROUP BY 1", context, CancellationToken.None);

        var result = await target.ExecuteAsync("SELECT COUNT(*), SUM(n)::BIGINT FROM grouped", context, CancellationToken.None);
        (Convert.ToInt64(result.Rows[0][0]), Convert.ToInt64(result.Rows[0][1])).ShouldBe((4_000_000L, 8_000_000L));
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("2 G")]
    [InlineData("-1GB")]
    [InlineData("'1GB'; DROP TABLE x")]
    [InlineData("80%")]
    public void A_value_that_is_not_a_size_is_an_error_at_its_line(string limit)
    {
        using var project = TestProject.SampleOnDuckDb().Write("profiles.yml", Profile($"\"{limit.Replace("\"", "\\\"")}\""));

        var (code, _, stderr) = project.Run("run");

        code.ShouldBe(ExitCodes.Failure);
        stderr.ShouldContain("profiles.yml(7,21): error PIPES");
        stderr.ShouldContain($"'memory_limit' must be a size such as 2GB, 512MB or 1.5GiB, not '{limit}'");
        File.Exists(Path.Combine(project.Root, "target", "test.duckdb")).ShouldBeFalse();
    }
}
