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
        SnowflakeSample.AnswerFreshSchema(server);
        server.AnswerWhenContains("-- The base tables of one schema", new FakeResult([new FakeColumn("TABLE_NAME", "text")], [["PIPES_ID_GRAPH"]]));
        foreach (var csv in Directory.EnumerateFiles(Path.Combine(project.Root, "seeds"), "*.csv"))
            server.Results[$"SELECT COUNT(*) FROM {Shadow}.\"{Path.GetFileNameWithoutExtension(csv).ToUpperInvariant()}\""] = SnowflakeSample.Count((File.ReadLines(csv).Count() - 1).ToString());
        // Nothing pending for the $identify destination, and the warehouse destinations' reports: zeros.
        server.AnswerWhenContains("SELECT seq, profile_id", new FakeResult([new FakeColumn("SEQ", "fixed", 0, 18)], []));
        server.AnswerWhenContains("SELECT count(*) FROM", SnowflakeSample.Count("1"));
        foreach (var table in new[] { "PIPES_AMPLITUDE_PROFILES", "PIPES_AMPLITUDE_EVENTS" })
            server.AnswerWhenContains($"-- Operations on {Shadow}.\"{table}\"", new FakeResult(
                new[] { "INSERTED", "UPDATED", "DELETED", "REKEYED", "SKIPPED" }.Select(c => new FakeColumn(c, "fixed", 0, 18)).ToList(), [["0", "0", "0", "0", "0"]]));
        // The comparisons find no difference (their text is what is checked here).
        foreach (var query in new[] { "WITH moves AS", "FULL OUTER JOIN", "WITH shared_new AS", "live_observations", "WITH appeared AS", "SELECT table_name, column_name", "pipes_action, COUNT(*)", "AS pipes_rank", "SELECT amplitude_id FROM" })
            server.AnswerWhenContains(query, new FakeResult([new FakeColumn("X", "text")], []));

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
            foreach (var write in new[] { "INSERT INTO ", "MERGE INTO ", "DELETE FROM ", "CREATE OR REPLACE TABLE ", "CREATE TABLE IF NOT EXISTS ", "ALTER TABLE ", "DROP TABLE " })
                s.ShouldNotContain(write + Live + ".", Case.Sensitive, s);
        }
    }
}
