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

        var order = new[]
        {
            $"CREATE OR REPLACE TABLE {prefix}{(target == "local" ? "rules_check" : "RULES_CHECK")}\" AS",
            $"CREATE OR REPLACE TABLE {prefix}{(target == "local" ? "graph_next" : "GRAPH_NEXT")}\" AS",
            $"CREATE OR REPLACE TABLE {prefix}{(target == "local" ? "history_run" : "HISTORY_RUN")}\" AS",
            $"CREATE OR REPLACE TABLE {prefix}{(target == "local" ? "graph" : "GRAPH")}\" AS SELECT * FROM {prefix}{(target == "local" ? "graph_next" : "GRAPH_NEXT")}\"",
            // appended only once the graph is published: a failed publish records nothing twice
            $"INSERT INTO {prefix}{(target == "local" ? "history" : "HISTORY")}\"",
            $"CREATE OR REPLACE TABLE {prefix}{(target == "local" ? "state" : "STATE")}\" AS",
        }.Select(s => sql.IndexOf(s, StringComparison.Ordinal)).ToList();
        order.ShouldAllBe(i => i >= 0, sql[..200]);
        order.ShouldBeInOrder();

        foreach (var clock in new[] { "now()", "current_timestamp", "current_date", "sysdate", "getdate", "localtimestamp", "uuid", "random(" })
            sql.ShouldNotContain(clock, Case.Insensitive);
        // The run's id and time come from the table the runner writes, described at the end of the file.
        sql.ShouldContain($"CROSS JOIN {prefix}{(target == "local" ? "run" : "RUN")}\" AS r");
        sql.TrimEnd().Split('\n')[^1].ShouldStartWith("-- SELECT CAST('<run id>' AS VARCHAR) AS run_id");
    }

    [Fact]
    public void On_snowflake_history_publish_and_state_run_inside_the_script()
    {
        using var project = TestProject.CopyOfSample();
        project.Compile(project.Options() with { Target = "prod" }).ExitCode.ShouldBe(0);
        var sql = SampleProjectSnapshotTests.CompiledText(project, "prod", "_identity.");

        var script = sql[sql.IndexOf("EXECUTE IMMEDIATE $$", StringComparison.Ordinal)..sql.LastIndexOf("$$", StringComparison.Ordinal)];
        foreach (var part in new[] { "\"PIPES_ID_RULES_CHECK\" AS", "INSERT INTO \"ANALYTICS\".\"PIPES\".\"PIPES_ID_HISTORY\"", "\"PIPES_ID_GRAPH\" AS SELECT * FROM", "\"PIPES_ID_STATE\" AS" })
            script.ShouldContain(part);
    }
}
