using Pipes.Core.Tasks;
using Pipes.Tests.Snowflake;
using Pipes.Tests.TestKit;
using Pipes.Core.Push;

namespace Pipes.Tests.Outputs;

/// <summary>
/// The sample's amplitude_profiles and amplitude_mirror destinations built through the loopback Snowflake SQL API (not a
/// live account): the tables Amplitude reads are created with change tracking and a retention period, then only
/// merged and deleted from; the statements are approved as text.
/// </summary>
public sealed class AmplitudeOnSnowflakeTests
{
    private static readonly string[] Tables = ["PIPES_AMPLITUDE_PROFILES", "PIPES_AMPLITUDE_EVENTS"];

    [Fact]
    public async Task Build_creates_the_tables_amplitude_reads_with_change_tracking_and_retention_and_only_merges_and_deletes()
    {
        await using var server = await SnowflakeSqlApiServer.StartAsync();
        using var project = SnowflakeSample.Project(server);
        SnowflakeSampleAnswers.Script(server, project);

        var (code, stdout, stderr) = project.Run("build");

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        var statements = SnowflakeSample.Submitted(server);
        foreach (var table in Tables)
        {
            var live = $"\"ANALYTICS\".\"PIPES\".\"{table}\"";
            statements.ShouldContain(s => s.Contains($"CREATE TABLE IF NOT EXISTS {live} CHANGE_TRACKING = TRUE DATA_RETENTION_TIME_IN_DAYS = 7 AS SELECT * FROM \"ANALYTICS\".\"PIPES\".\"{table}_NEXT\" WHERE 1 = 0"), table);
            statements.ShouldContain(s => s.Contains($"ALTER TABLE {live} SET CHANGE_TRACKING = TRUE"), table);
            statements.ShouldContain(s => s.Contains($"ALTER TABLE {live} SET DATA_RETENTION_TIME_IN_DAYS = 7"), table);
            statements.ShouldContain(s => s.StartsWith($"MERGE INTO {live} AS l", StringComparison.Ordinal), table);
            statements.ShouldContain(s => s.StartsWith($"DELETE FROM {live} l USING", StringComparison.Ordinal), table);
            statements.ShouldNotContain(s => s.Contains($"CREATE OR REPLACE TABLE {live} ") || s.Contains($"CREATE OR REPLACE TRANSIENT TABLE {live} ") || s.Contains($"DROP TABLE {live}") || s.Contains($"TRUNCATE TABLE {live}"), table);
        }
        // The mirror is keyed on what Mirror Sync matches: a changed user_id is a delete and an insert, never an update.
        statements.ShouldContain(s => s.StartsWith("MERGE INTO \"ANALYTICS\".\"PIPES\".\"PIPES_AMPLITUDE_EVENTS\" AS l", StringComparison.Ordinal)
            && s.Contains("ON l.\"USER_ID\" IS NOT DISTINCT FROM s.\"USER_ID\" AND l.\"INSERT_ID\" IS NOT DISTINCT FROM s.\"INSERT_ID\" AND l.\"EVENT_TIME\" IS NOT DISTINCT FROM s.\"EVENT_TIME\""));
        // The counts come from the warehouse's answer (scripted here as the DuckDB build's figures).
        stdout.ShouldContain("profiles: pipes_amplitude_profiles wrote 560 inserts, 0 updates, 0 deletes (560 Amplitude operations); 193 profiles without a user_id");
        stdout.ShouldContain("events: pipes_amplitude_events wrote 3,154 inserts, 0 updates, 0 deletes (3,154 Amplitude operations), 0 events re-keyed");
        Approvals.Verify("AmplitudeWarehouse.snowflake", "sql",
            string.Join(";\n\n", statements.Where(s => Tables.Any(t => s.Contains($"\"{t}")) && !s.Contains("\"PIPES_OUTPUT_CHANGES\"", StringComparison.Ordinal))) + ";\n");
    }

    [Fact]
    public async Task A_dry_run_push_computes_the_changes_and_never_writes_to_the_tables_amplitude_reads()
    {
        await using var server = await SnowflakeSqlApiServer.StartAsync();
        using var project = SnowflakeSample.Project(server);
        SnowflakeSample.AnswerAmplitudeReport(server, "PIPES_AMPLITUDE_PROFILES", "2", "5", "1", "0", "193"); // the first answer that matches is sent
        SnowflakeSampleAnswers.Script(server, project);

        var (code, stdout, stderr) = project.Invoke((o, output) =>
            PushTask.ExecuteAsync(o, new PushSettings { Destination = "profiles", DryRun = true }, output, CancellationToken.None).GetAwaiter().GetResult());

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        stdout.ShouldContain("profiles: pipes_amplitude_profiles would write (dry run, nothing written) 2 inserts, 5 updates, 1 deletes (8 Amplitude operations)");
        var statements = SnowflakeSample.Submitted(server);
        statements.ShouldContain(s => s.Contains("CREATE OR REPLACE TRANSIENT TABLE \"ANALYTICS\".\"PIPES\".\"PIPES_AMPLITUDE_PROFILES_CHANGES\" AS", StringComparison.Ordinal));
        statements.ShouldNotContain(s => s.StartsWith("MERGE INTO \"ANALYTICS\".\"PIPES\".\"PIPES_AMPLITUDE_PROFILES\"", StringComparison.Ordinal));
        statements.ShouldNotContain(s => s.StartsWith("DELETE FROM \"ANALYTICS\".\"PIPES\".\"PIPES_AMPLITUDE_PROFILES\" ", StringComparison.Ordinal));
        statements.ShouldNotContain(s => s.Contains("INSERT INTO \"ANALYTICS\".\"PIPES\".\"PIPES_OUTPUT_CHANGES\""));
    }
}
