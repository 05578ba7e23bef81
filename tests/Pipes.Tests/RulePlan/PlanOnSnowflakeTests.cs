using Pipes.Tests.Snowflake;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.RulePlan;

/// <summary>
/// <c>pipes plan --target prod</c> through the loopback Snowflake SQL API (not a live account): the shadow is a
/// zero-copy clone of the schema, the build runs there, the shadow is dropped afterwards, and no statement writes to
/// the live schema. Checked as statement text; the Snowflake side has not run live.
/// </summary>
public sealed class PlanOnSnowflakeTests
{
    private const string Live = "\"ANALYTICS\".\"PIPES\"";
    private const string Shadow = "\"ANALYTICS\".\"PIPES__PIPES_PLAN\"";

    [Fact]
    public async Task The_shadow_is_a_clone_of_the_schema_built_then_dropped_and_the_live_schema_is_never_written()
    {
        await using var server = await SnowflakeSqlApiServer.StartAsync();
        using var project = SnowflakeSample.Project(server);
        Answer(server, project, graphChanges: []);

        var (code, stdout, stderr) = PlanRun.Plan(project);

        var statements = SnowflakeSample.Submitted(server);
        statements.ShouldContain($"DROP SCHEMA IF EXISTS {Shadow} CASCADE");
        var clone = statements.FindIndex(s => s == $"CREATE SCHEMA {Shadow} CLONE {Live}");
        clone.ShouldBeGreaterThan(0, stdout + stderr);
        statements.FindIndex(s => s.Contains($"DROP SCHEMA IF EXISTS {Shadow} CASCADE", StringComparison.Ordinal)).ShouldBeLessThan(clone);
        statements[^1].ShouldEndWith($"DROP SCHEMA IF EXISTS {Shadow} CASCADE");
        code.ShouldBe(0, stdout + stderr);
        stdout.ShouldContain("no change.");
        // The comparison reads both schemas side by side in the one database.
        statements.ShouldContain(s => s.Contains($"FROM {Live}.\"PIPES_ID_GRAPH\" AS l\n  FULL OUTER JOIN {Shadow}.\"PIPES_ID_GRAPH\" AS s", StringComparison.Ordinal));
        // The build ran in the shadow...
        statements.ShouldContain(s => s.Contains($"MERGE INTO {Shadow}.\"PIPES_ID_GRAPH\"", StringComparison.Ordinal));
        // ...and nothing wrote to the live schema (it is only read: the graph, the catalog, the profiles to compare).
        foreach (var s in statements)
        {
            foreach (var write in new[] { "INSERT INTO ", "MERGE INTO ", "DELETE FROM ", "CREATE OR REPLACE TABLE ", "CREATE OR REPLACE TRANSIENT TABLE ", "CREATE TABLE IF NOT EXISTS ", "ALTER TABLE ", "DROP TABLE " })
                s.ShouldNotContain(write + Live + ".", Case.Sensitive, s);
        }
    }

    [Fact]
    public async Task Apply_promotes_in_one_scripting_block_merging_into_the_live_outputs_and_recording_the_plan_in_the_history()
    {
        await using var server = await SnowflakeSqlApiServer.StartAsync();
        using var project = SnowflakeSample.Project(server);
        // Answers match in the order given: the columns of the planned graph first.
        server.AnswerWhenContains("SELECT table_name, column_name", new FakeResult(
            [new FakeColumn("TABLE_NAME", "text"), new FakeColumn("COLUMN_NAME", "text"), new FakeColumn("DATA_TYPE", "text"), new FakeColumn("NUMERIC_SCALE", "fixed", 0, 18)],
            new[] { ("ID_TYPE", "TEXT"), ("ID_VALUE", "TEXT"), ("NODE_KEY", "NUMBER"), ("CANONICAL_KEY", "NUMBER"), ("PROFILE_ID", "TEXT") }
                .Select(c => new string?[] { "PIPES_ID_GRAPH", c.Item1, c.Item2, "0" }).ToList()));

        Answer(server, project, graphChanges: [["update", "3"]]);

        var (code, stdout, stderr) = PlanRun.Plan(project, apply: true);

        code.ShouldBe(0, stdout + stderr);
        stdout.ShouldContain("applied to PIPES: 1 outputs published in place");
        var statements = SnowflakeSample.Submitted(server);
        var script = statements.Single(s => s.Contains("BEGIN TRANSACTION;", StringComparison.Ordinal));
        script.ShouldStartWith("EXECUTE IMMEDIATE $$\nBEGIN\nBEGIN TRANSACTION;");
        script.ShouldEndWith("COMMIT;\nEND;\n$$");
        script.ShouldContain($"MERGE INTO {Live}.\"PIPES_ID_GRAPH\" AS l\nUSING (\n  SELECT s.* FROM {Shadow}.\"PIPES_ID_GRAPH\" AS s");
        script.ShouldContain($"DELETE FROM {Live}.\"PIPES_ID_GRAPH\" l USING {Live}.\"PIPES_ID_GRAPH_CHANGES\" c");
        script.ShouldNotContain($"CREATE OR REPLACE TABLE {Live}.\"PIPES_ID_GRAPH\" ");
        script.ShouldContain($"INSERT INTO {Live}.\"PIPES_ID_HISTORY\" SELECT * FROM {Shadow}.\"PIPES_ID_HISTORY\" WHERE run_id = '{PlanRun.Report(project).GetProperty("plan_id").GetString()}'");
        statements[^1].ShouldEndWith($"DROP SCHEMA IF EXISTS {Shadow} CASCADE");
    }

    /// <summary>The fake's answers for a plan of the sample: the live schema built, the shadow's seeds loaded, nothing pending.</summary>
    private static void Answer(SnowflakeSqlApiServer server, TestProject project, List<string?[]> graphChanges)
    {
        SnowflakeSample.AnswerFreshSchema(server);
        SnowflakeSample.AnswerPushLeftOut(server);
        server.AnswerWhenContains("-- The base tables of one schema", new FakeResult([new FakeColumn("TABLE_NAME", "text")], [["PIPES_ID_GRAPH"], ["PIPES_ID_HISTORY"]]));
        foreach (var csv in Directory.EnumerateFiles(Path.Combine(project.Root, "seeds"), "*.csv"))
            server.Results[$"SELECT COUNT(*) FROM {Shadow}.\"{Path.GetFileNameWithoutExtension(csv).ToUpperInvariant()}__PIPES_STAGE\""] = SnowflakeSample.Count((File.ReadLines(csv).Count() - 1).ToString());
        // Nothing pending for the $identify destination, and the warehouse destinations' reports: zeros.
        server.AnswerWhenContains("SELECT seq, profile_id", new FakeResult([new FakeColumn("SEQ", "fixed", 0, 18)], []));
        server.AnswerWhenContains("SELECT count(*) FROM", SnowflakeSample.Count("1"));
        foreach (var table in new[] { "PIPES_AMPLITUDE_PROFILES", "PIPES_AMPLITUDE_EVENTS" })
            server.AnswerWhenContains($"-- Operations on {Shadow}.\"{table}\"", new FakeResult(
                new[] { "INSERTED", "UPDATED", "DELETED", "REKEYED", "SKIPPED" }.Select(c => new FakeColumn(c, "fixed", 0, 18)).ToList(), [["0", "0", "0", "0", "0"]]));
        // The comparisons find no difference (their text is what is checked here).
        server.AnswerWhenContains("pipes_action, COUNT(*)", new FakeResult([new FakeColumn("PIPES_ACTION", "text"), new FakeColumn("N", "fixed", 0, 18)], graphChanges));
        foreach (var query in new[] { "WITH moves AS", "FULL OUTER JOIN", "WITH shared_new AS", "live_observations", "WITH appeared AS", "SELECT table_name, column_name", "AS pipes_rank", "SELECT amplitude_id FROM" })
            server.AnswerWhenContains(query, new FakeResult([new FakeColumn("X", "text")], []));

    }
}
