using System.Globalization;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Identity.Sql;

/// <summary>
/// A run that fails between the statements that keep an input's new rows and those that write their observations or
/// missing counts (docs/identity.md, Incremental runs): the next run forgets what the failed one kept and reads it
/// again, so its tables equal a fresh build of the same rows and an incremental run that never failed. The failure is
/// a project override of prepare.sql.scriban with a failing statement rendered only when <c>rules_hash</c> is set, so
/// the node's statement hash (rendered with it empty) is the built-in one's and removing the override is no change.
/// </summary>
public sealed class FailedRunRecoveryTests
{
    private const string Definitions = """
        identity:
          id_types:
            user_id:   {priority: 1}
            email:     {priority: 2, normalize: [lowercase]}
            device_id: {priority: 3}
        sources:
          - name: raw
            schema: main
            tables:
              - name: events
                observed_at: observed_at
                incremental: {iterator: loaded_at, iterator_type: number, lookback: 0}
                identifiers:
                  - {column: user_id, type: user_id}
                  - {column: email, type: email}
                  - {column: device_id, type: device_id}
              - name: users
                observed_at: observed_at
                identifiers:
                  - {column: user_id, type: user_id}
                  - {column: email, type: email}
        """;

    private const string ObservationsInsert = "INSERT INTO {{ t.observations }} (";

    private const string Prepare = "templates/identity/prepare.sql.scriban";

    private const string Commit = "templates/identity/watermarks_commit.sql.scriban";

    private const string Failing = "SELECT CAST('x' AS INTEGER)\n{{ statement_end }}\n";

    /// <summary>Fails the run only: the node's statement hash is rendered with rules_hash empty.</summary>
    private const string Fail = "{{ if rules_hash != \"\" }}\n" + Failing + "{{ end }}\n";

    /// <summary>events (loaded_at, day, user_id, email, device_id), the first batch; NULLs are missing counts.</summary>
    private static readonly string[] FirstEvents =
    [
        "(1, 1, 'u1', 'a@x', 'd1')", "(1, 2, 'u2', NULL, 'd2')", "(1, 3, NULL, 'c@x', 'd3')", "(1, 4, 'u4', 'd@x', NULL)",
    ];

    /// <summary>The next rows: new ids, a row joining two profiles, NULLs of every type; two iterator values, so rows
    /// below the new watermark are not read again once it is written.</summary>
    private static readonly string[] NextEvents =
    [
        "(2, 5, 'u5', 'e@x', NULL)", "(2, 6, 'u2', 'c@x', 'd6')", "(3, 7, NULL, NULL, 'd7')", "(3, 8, 'u8', 'A@x', 'd8')",
    ];

    /// <summary>users (day, user_id, email): an input without iterator, read in full by every run.</summary>
    private static readonly string[] FirstUsers = ["(1, 'u1', 'a@x')", "(2, 'u2', 'b@x')", "(3, 'u3', NULL)"];

    private static readonly string[] NextUsers = ["(9, 'u9', 'i@x')", "(10, NULL, 'j@x')"];

    [Fact]
    public Task A_run_failing_before_the_observations_are_written_is_read_again_by_the_next_run() =>
        RecoversAsync(Prepare, text => Before(text, ObservationsInsert, Fail), removeUser: false);

    [Fact]
    public Task A_run_failing_between_the_observations_and_the_missing_counts_is_read_again_by_the_next_run() =>
        RecoversAsync(Prepare, text => After(text, "FROM checked\n{{ statement_end }}\n", Fail), removeUser: false);

    [Fact]
    public Task A_run_failing_after_the_missing_counts_is_read_again_by_the_next_run() =>
        RecoversAsync(Prepare, text => Before(text, "{{~ for input in inputs ~}}\nDROP TABLE {{ input.rows }}", Fail), removeUser: false);

    [Fact]
    public Task A_run_failing_after_replacing_the_kept_rows_of_an_input_whose_rows_were_removed_reads_it_again() =>
        RecoversAsync(Prepare, text => Before(text, ObservationsInsert, Fail), removeUser: true);

    /// <summary>The closing statements are not part of the statement hash, so these fail unconditionally.</summary>
    [Fact]
    public Task A_run_failing_after_the_outputs_are_published_is_rebuilt_by_the_next_run() =>
        RecoversAsync(Commit, text => Failing + text, removeUser: true);

    /// <summary>The graph state written (the run counts as completed for the graph), the watermarks not.</summary>
    [Fact]
    public Task A_run_failing_after_the_graph_state_is_written_is_caught_up_by_the_next_run() =>
        RecoversAsync(Commit, text => Before(text, "-- Incremental observations: the watermarks", Failing), removeUser: true);

    /// <summary>The watermarks written, the digests not: the graph state must already be (written first), or the rows
    /// this run kept would be forgotten while the watermark says they were read.</summary>
    [Fact]
    public Task A_run_failing_after_the_watermarks_are_written_is_caught_up_by_the_next_run() =>
        RecoversAsync(Commit, text => Before(text, "-- The inputs without iterator: their row count", Failing), removeUser: true);

    /// <summary>Unguarded, the failing statement changes the node's statement hash: the failed run deletes every kept row
    /// and numbers the rows again from 1, and the next run (the built-in statements again) sees no change of them.</summary>
    [Fact]
    public Task A_run_under_changed_statements_failing_before_the_observations_is_read_again_by_the_next_run() =>
        RecoversAsync(Prepare, text => Before(text, ObservationsInsert, Failing), removeUser: false);

    /// <summary>
    /// Builds the first rows, adds the next ones (and removes a user row: the input's kept rows are replaced), fails one
    /// run with the override <paramref name="breakIt"/> makes of <paramref name="template"/>, removes it, runs again,
    /// and compares with a fresh build and an uninterrupted run.
    /// </summary>
    private static async Task RecoversAsync(string template, Func<string, string> breakIt, bool removeUser)
    {
        using var crashed = await ProjectAsync();
        crashed.Run("run").ExitCode.ShouldBe(0);
        await AddNextAsync(crashed, removeUser);
        var builtIn = File.ReadAllText(Path.Combine(RepoPaths.Root, template)).ReplaceLineEndings("\n");
        var broken = breakIt(builtIn);
        crashed.Write(template, broken);
        var failed = crashed.Run("run");
        failed.ExitCode.ShouldBe(1, failed.Stdout + failed.Stderr);
        File.Delete(Path.Combine(crashed.Root, template));
        var recovered = crashed.Run("run");
        recovered.ExitCode.ShouldBe(0, recovered.Stdout + recovered.Stderr);
        var afterCrash = await StateAsync(crashed);

        using var fresh = await ProjectAsync();
        await AddNextAsync(fresh, removeUser);
        fresh.Run("run").ExitCode.ShouldBe(0);
        using var uninterrupted = await ProjectAsync();
        uninterrupted.Run("run").ExitCode.ShouldBe(0);
        await AddNextAsync(uninterrupted, removeUser);
        uninterrupted.Run("run").ExitCode.ShouldBe(0);

        afterCrash.ShouldBe(await StateAsync(fresh));
        afterCrash.ShouldBe(await StateAsync(uninterrupted));
        // and the run after it has nothing new
        crashed.Run("run").ExitCode.ShouldBe(0);
        crashed.Read("target/run_results.json").ShouldContain("nothing new: outputs unchanged");
        (await StateAsync(crashed)).ShouldBe(afterCrash);
    }

    private static string Before(string text, string marker, string insert)
    {
        text.ShouldContain(marker);
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        return text[..at] + insert + text[at..];
    }

    private static string After(string text, string marker, string insert)
    {
        text.ShouldContain(marker);
        var at = text.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        return text[..at] + insert + text[at..];
    }

    private static async Task<TestProject> ProjectAsync()
    {
        var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: crash\nprofile: t\n",
            ["profiles.yml"] = "t:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n",
            ["models/identity.yml"] = Definitions,
        });
        Directory.CreateDirectory(Path.Combine(project.Root, "target"));
        await using var db = DuckDb.Open(project);
        await db.ExecuteAsync("CREATE TABLE events (loaded_at BIGINT, observed_at TIMESTAMP, user_id VARCHAR, email VARCHAR, device_id VARCHAR)");
        await db.ExecuteAsync("CREATE TABLE users (observed_at TIMESTAMP, user_id VARCHAR, email VARCHAR)");
        await db.ExecuteAsync(InsertEvents(FirstEvents));
        await db.ExecuteAsync(InsertUsers(FirstUsers));
        return project;
    }

    private static string InsertEvents(string[] rows) =>
        "INSERT INTO events SELECT loaded_at, TIMESTAMP '2024-01-01' + to_days(day), user_id, email, device_id FROM (VALUES "
        + string.Join(", ", rows) + ") AS v(loaded_at, day, user_id, email, device_id)";

    private static string InsertUsers(string[] rows) =>
        "INSERT INTO users SELECT TIMESTAMP '2024-01-01' + to_days(day), user_id, email FROM (VALUES " + string.Join(", ", rows) + ") AS v(day, user_id, email)";

    private static async Task AddNextAsync(TestProject project, bool removeUser)
    {
        await using var db = DuckDb.Open(project);
        await db.ExecuteAsync(InsertEvents(NextEvents));
        // a row removed: the input's kept rows are replaced, numbered again from 1 (so mostly under its old graph state)
        if (removeUser) await db.ExecuteAsync("DELETE FROM users WHERE user_id = 'u2'");
        await db.ExecuteAsync(InsertUsers(NextUsers));
    }

    /// <summary>The outputs and audits (node keys as ranks), the observations and kept rows, and the missing counts.</summary>
    private static async Task<string> StateAsync(TestProject project)
    {
        await using var db = DuckDb.Open(project);
        var counts = await db.QueryAsync("""
            SELECT 'observations ' || input_no || ' ' || COUNT(*) FROM pipes_id_observations GROUP BY input_no
            UNION ALL SELECT 'source_rows ' || input_no || ' ' || COUNT(*) FROM pipes_id_source_rows GROUP BY input_no
            UNION ALL SELECT 'missing ' || input_no || ' ' || id_type || ' ' || SUM(missing) FROM pipes_id_missing GROUP BY input_no, id_type
            ORDER BY 1
            """);
        return string.Join("\n", counts.Select(r => Convert.ToString(r[0], CultureInfo.InvariantCulture))) + "\n" + await IncrementalIdentityTests.DumpAsync(db);
    }
}
