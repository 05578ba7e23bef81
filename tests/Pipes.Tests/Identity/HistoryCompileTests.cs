using Pipes.Tests.Compile;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Identity;

/// <summary>The history step as compiled text, per dialect: in order, inside the Snowflake script, and with no clock.</summary>
public sealed class HistoryCompileTests
{
    [Theory]
    [InlineData("local", "\"main\".\"pipes_id_")]
    [InlineData("prod", "\"ANALYTICS\".\"PIPES\".\"PIPES_ID_")]
    public void The_graph_is_computed_then_compared_then_published_then_the_state_saved_with_no_clock(string target, string prefix)
    {
        using var project = TestProject.CopyOfSample();
        project.Compile(project.Options() with { Target = target }).ExitCode.ShouldBe(0);
        var sql = SampleProjectSnapshotTests.CompiledText(project, target, "_identity.");

        var scratch = target == "local" ? "TABLE" : "TRANSIENT TABLE"; // replaced every run: no Fail-safe copies on Snowflake
        var order = new[]
        {
            $"CREATE OR REPLACE {scratch} {prefix}{(target == "local" ? "rules_check" : "RULES_CHECK")}\" AS",
            $"CREATE OR REPLACE {scratch} {prefix}{(target == "local" ? "graph_next" : "GRAPH_NEXT")}\" AS",
            $"CREATE OR REPLACE {scratch} {prefix}{(target == "local" ? "history_run" : "HISTORY_RUN")}\" AS",
            // published in place (templates/outputs/publish.sql.scriban)
            $"MERGE INTO {prefix}{(target == "local" ? "graph" : "GRAPH")}\" AS l",
            // appended only once the graph is published: a failed publish records nothing twice
            $"INSERT INTO {prefix}{(target == "local" ? "history" : "HISTORY")}\"",
            $"CREATE OR REPLACE TABLE {prefix}{(target == "local" ? "state" : "STATE")}\" AS",
        };
        // Each found after the one before (the gate's comment lists the closing statements earlier in the file too).
        var at = 0;
        foreach (var step in order)
        {
            var next = sql.IndexOf(step, at, StringComparison.Ordinal);
            next.ShouldBeGreaterThanOrEqualTo(0, $"'{step}' after offset {at}");
            at = next + step.Length;
        }

        foreach (var clock in new[] { "now()", "current_timestamp", "current_date", "sysdate", "getdate", "localtimestamp", "uuid", "random(" })
            sql.ShouldNotContain(clock, Case.Insensitive);
        // The run's id and time come from the table the runner writes, described at the end of the file.
        sql.ShouldContain($"CROSS JOIN {prefix}{(target == "local" ? "run" : "RUN")}\" AS r");
        sql.TrimEnd().Split('\n')[^1].ShouldStartWith("-- SELECT CAST('<run id>' AS VARCHAR) AS run_id");
    }

    [Fact]
    public void On_snowflake_the_history_is_computed_inside_the_script_and_published_appended_and_saved_after_it()
    {
        using var project = TestProject.CopyOfSample();
        project.Compile(project.Options() with { Target = "prod" }).ExitCode.ShouldBe(0);
        var sql = SampleProjectSnapshotTests.CompiledText(project, "prod", "_identity.");

        var script = sql[sql.IndexOf("EXECUTE IMMEDIATE $$", StringComparison.Ordinal)..sql.LastIndexOf("$$", StringComparison.Ordinal)];
        foreach (var part in new[] { "\"PIPES_ID_RULES_CHECK\" AS", "\"PIPES_ID_HISTORY_RUN\" AS" })
            script.ShouldContain(part);
        var after = sql[sql.LastIndexOf("$$", StringComparison.Ordinal)..];
        var order = new[] { "MERGE INTO \"ANALYTICS\".\"PIPES\".\"PIPES_ID_GRAPH\"", "INSERT INTO \"ANALYTICS\".\"PIPES\".\"PIPES_ID_HISTORY\"", "\"PIPES_ID_STATE\" AS" }
            .Select(part => after.IndexOf(part, StringComparison.Ordinal)).ToList();
        order.ShouldAllBe(i => i >= 0);
        order.ShouldBeInOrder();
    }
}
