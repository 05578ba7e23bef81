using System.Text.Json;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;
using Pipes.Core.Push;

namespace Pipes.Tests.Push;

/// <summary>
/// <c>pipes push</c> and the push step of <c>pipes build</c> from a project on disk: destinations read from YAML, the
/// push relation a plain model (the SQL layer's property models stand in), a loopback Amplitude.
/// </summary>
public sealed class PushTaskTests : IAsyncLifetime
{
    private const string Key = "amp-key-cli-5e7d20c4a1";
    private AmplitudeServer _server = null!;
    private TestProject _project = null!;

    public async Task InitializeAsync()
    {
        _server = await AmplitudeServer.StartAsync(Key);
        _project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: t\n",
            ["models/other.sql"] = "SELECT 1 AS x",
        });
        // The push relation as property models would leave it (no model may take a pipes_ name: they are Pipes' own).
        await PushRelationAsync("crm", "user-0000");
        Destinations();
    }

    private async Task PushRelationAsync(string destination, string userPrefix)
    {
        Directory.CreateDirectory(Path.Combine(_project.Root, "target"));
        await using var db = DuckDb.Open(_project, "target/pipes.duckdb");
        await db.ExecuteAsync($$"""
            CREATE OR REPLACE TABLE pipes_push_{{destination}} AS
            SELECT 'p' || i AS profile_id, '{{userPrefix}}' || i AS user_id, CAST(NULL AS VARCHAR) AS device_id,
              '{"plan":"pro","seats":' || i || '}' AS properties, md5('{"plan":"pro","seats":' || i || '}') AS content_hash
            FROM range(1, 6) t(i)
            """);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _project.Dispose();
    }

    [Fact]
    public void A_dry_run_from_yaml_writes_amplitude_batch_bodies_and_sends_nothing()
    {
        Destinations(dryRun: true);
        _project.Run("run").ExitCode.ShouldBe(0);

        var (code, stdout, stderr) = Push(new PushSettings());

        code.ShouldBe(0, stdout + stderr);
        stdout.ShouldContain("push crm: dry run (dry_run: true at models/destinations.yml(2,11))");
        stdout.ShouldContain("push crm (dry run): 5 pending, 5 events in 1 batches");
        _server.Requests.ShouldBeEmpty();
        var lines = _project.Read("target/push/crm.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var body = JsonDocument.Parse(lines.Single()).RootElement;
        body.GetProperty("api_key").GetString().ShouldBe("***");
        body.GetProperty("options").GetProperty("min_id_length").GetInt32().ShouldBe(5);
        var first = body.GetProperty("events")[0];
        first.GetProperty("event_type").GetString().ShouldBe("$identify");
        first.GetProperty("user_id").GetString().ShouldBe("user-00001");
        first.GetProperty("insert_id").GetString()!.ShouldStartWith("pipes-");
        first.GetProperty("time").ValueKind.ShouldBe(JsonValueKind.Number);
        first.GetProperty("user_properties").GetProperty("$set").GetRawText().ShouldBe("""{"plan":"pro","seats":1}""");
    }

    [Fact]
    public async Task A_dry_run_reports_rows_refused_before_sending_as_a_real_push_does()
    {
        _project.Environment["AMPLITUDE_API_KEY"] = Key;
        await using (var db = DuckDb.Open(_project, "target/pipes.duckdb"))
            await db.ExecuteAsync("INSERT INTO pipes_push_crm VALUES ('p6', 'user-00006', NULL, '[1,2]', md5('[1,2]'))");
        Destinations(dryRun: true);
        _project.Run("run").ExitCode.ShouldBe(0);

        var dry = Push(new PushSettings());
        var dryCounts = Counts();
        Destinations();
        var real = Push(new PushSettings());
        var realCounts = Counts();

        dry.ExitCode.ShouldBe(0, dry.Stdout + dry.Stderr);
        dry.Stdout.ShouldContain("push crm (dry run): 6 pending, 5 events in 1 batches; accepted 0, refused 1, gave up 0, skipped 0");
        real.Stdout.ShouldContain("push crm: 6 pending, 5 events in 1 batches; accepted 5, refused 1, gave up 0, skipped 0");
        (dryCounts["refused"], dryCounts["skipped"], dryCounts["pending"], dryCounts["events_sent"], dryCounts["dry_run"]).ShouldBe((1L, 0L, 6L, 5L, 1L));
        foreach (var key in new[] { "pending", "events_sent", "refused", "skipped", "skipped_invalid_ids" })
            dryCounts[key].ShouldBe(realCounts[key], key);
    }

    [Fact]
    public void Without_a_key_a_real_push_fails_at_the_api_key_and_names_the_variable()
    {
        _project.Run("run").ExitCode.ShouldBe(0);

        var (code, stdout, stderr) = Push(new PushSettings());

        code.ShouldBe(1);
        stderr.ShouldContain("models/destinations.yml(4,14): error PIPES0104: environment variable 'AMPLITUDE_API_KEY' is not set");
        _server.Requests.ShouldBeEmpty();
        Result()[0].GetProperty("status").GetString().ShouldBe("error");
        // --dry-run needs no key.
        Push(new PushSettings { DryRun = true }).ExitCode.ShouldBe(0, stdout);
    }

    [Fact]
    public void A_push_sends_the_changes_records_results_and_never_shows_the_key()
    {
        _project.Environment["AMPLITUDE_API_KEY"] = Key;
        _project.Run("run").ExitCode.ShouldBe(0);

        var first = Push(new PushSettings { ProgressInterval = TimeSpan.Zero });
        var second = Push(new PushSettings());
        var resync = Push(new PushSettings { FullResync = true, Destination = "crm" });

        first.ExitCode.ShouldBe(0, first.Stdout + first.Stderr);
        first.Stdout.ShouldContain("accepted 5, refused 0");
        first.Stdout.ShouldContain("  push crm: 5/5 rows, 5 events in 1 batches");
        second.Stdout.ShouldContain("push crm: 0 pending, 0 events");
        resync.Stdout.ShouldContain("push crm: 5 pending, 5 events in 1 batches; accepted 5");
        _server.Requests.Count.ShouldBe(2);
        var result = Result()[0];
        result.GetProperty("unique_id").GetString().ShouldBe("destination.t.crm");
        result.GetProperty("status").GetString().ShouldBe("success");
        result.GetProperty("adapter_response").GetProperty("accepted").GetInt64().ShouldBe(5);
        result.GetProperty("adapter_response").GetProperty("rows_affected").GetInt64().ShouldBe(5);
        foreach (var text in new[] { first.Stdout, first.Stderr, second.Stdout, resync.Stdout, _project.Read("target/run_results.json") })
            text.ShouldNotContain(Key);
    }

    [Fact]
    public void Batch_settings_from_yaml_shape_the_requests()
    {
        _project.Environment["AMPLITUDE_API_KEY"] = Key;
        Destinations(more: "    max_events_per_batch: 2\n    concurrency: 1\n    min_id_length: 11\n    max_bytes_per_batch: 4096");
        _project.Run("run").ExitCode.ShouldBe(0);

        var skipped = Push(new PushSettings());
        // user-0000N has 10 characters: all below min_id_length 11, so nothing is sent.
        skipped.Stdout.ShouldContain("skipped 5 (5 invalid ids)");
        _server.Requests.ShouldBeEmpty();

        Destinations(more: "    max_events_per_batch: 2\n    concurrency: 1\n    min_id_length: 10");
        var (code, stdout, stderr) = Push(new PushSettings());

        code.ShouldBe(0, stdout + stderr);
        stdout.ShouldContain("5 events in 3 batches");
        _server.Requests.Select(r => r.EventCount).ShouldBe([2, 2, 1]);
    }

    [Fact]
    public void Build_ends_with_the_push_step_and_records_it_beside_the_nodes()
    {
        _project.Environment["AMPLITUDE_API_KEY"] = Key;

        var (code, stdout, stderr) = _project.Run("build");

        code.ShouldBe(0, stdout + stderr);
        _server.Events.Count.ShouldBe(5);
        stdout.ShouldContain("OK    push   crm ....");
        Result().Select(r => r.GetProperty("unique_id").GetString()).ShouldBe(["model.t.other", "destination.t.crm"]);
        (stdout + stderr + _project.Read("target/run_results.json")).ShouldNotContain(Key);
    }

    [Fact]
    public async Task Without_a_push_relation_the_step_fails_clearly()
    {
        _project.Environment["AMPLITUDE_API_KEY"] = Key;
        await using (var db = DuckDb.Open(_project, "target/pipes.duckdb")) await db.ExecuteAsync("DROP TABLE pipes_push_crm");

        var build = _project.Run("build");
        var push = Push(new PushSettings());

        build.ExitCode.ShouldBe(1);
        (build.Stdout + build.Stderr).ShouldContain("error PIPES0902: no push relation for crm (\"main\".\"pipes_push_crm\"); define property models");
        push.ExitCode.ShouldBe(1);
        push.Stderr.ShouldContain("no push relation for crm");
    }

    [Fact]
    public void An_unknown_destination_is_an_error_with_a_suggestion()
    {
        var (code, _, stderr) = Push(new PushSettings { Destination = "crn" });

        code.ShouldBe(1);
        stderr.ShouldContain("unknown destination 'crn' in --destination; did you mean 'crm'?");
    }

    [Fact]
    public async Task Retry_after_a_push_resends_only_the_destination_that_failed_with_the_same_flags()
    {
        _project.Environment["AMPLITUDE_API_KEY"] = Key;
        await PushRelationAsync("crm2", "other-0000");
        _project.Write("models/destinations.yml", _project.Read("models/destinations.yml") + $$$"""

              - name: crm2
                type: amplitude
                api_key: "{{ env_var 'AMPLITUDE_API_KEY' }}"
                endpoint: {{{_server.BatchUri}}}
            """);
        _project.Run("run").ExitCode.ShouldBe(0);
        _server.Script.Enqueue(AmplitudeStep.Reply(401)); // crm's only request: a bad key stops that destination

        var first = Push(new PushSettings());

        first.ExitCode.ShouldBe(1);
        Result().Select(r => (r.GetProperty("unique_id").GetString(), r.GetProperty("status").GetString())).ShouldBe([("destination.t.crm", "error"), ("destination.t.crm2", "success")]);
        var args = JsonDocument.Parse(_project.Read("target/run_results.json")).RootElement.GetProperty("args");
        (args.GetProperty("which").GetString(), args.GetProperty("destination").ValueKind, args.GetProperty("dry_run").GetBoolean(), args.GetProperty("full_resync").GetBoolean())
            .ShouldBe(("push", JsonValueKind.Null, false, false));
        _server.Events.Count.ShouldBe(5); // crm2's

        var retry = Retry();

        retry.ExitCode.ShouldBe(0, retry.Stdout + retry.Stderr);
        retry.Stdout.ShouldStartWith("Retrying 1 of 2 results of the last pipes push (--target local): destination.t.crm (error)");
        Result().Select(r => r.GetProperty("unique_id").GetString()).ShouldBe(["destination.t.crm"]);
        _server.Events.Select(e => e.Value["user_id"]!.GetValue<string>()).Order().ShouldBe(
            Enumerable.Range(1, 5).Select(i => $"other-0000{i}").Concat(Enumerable.Range(1, 5).Select(i => $"user-0000{i}")).Order());
        Retry().Stdout.Trim().ShouldBe("Nothing to retry: all 1 results of the last pipes push succeeded");

        // The flags come back with it: a failed --full-resync of one destination is retried as one.
        _server.Script.Enqueue(AmplitudeStep.Reply(401));
        Push(new PushSettings { FullResync = true, Destination = "crm" }).ExitCode.ShouldBe(1);
        var again = Retry();
        again.ExitCode.ShouldBe(0, again.Stdout + again.Stderr);
        again.Stdout.ShouldStartWith("Retrying 1 of 1 results of the last pipes push (--target local --destination crm --full-resync)");
        again.Stdout.ShouldContain("push crm: 5 pending, 5 events in 1 batches; accepted 5");
    }

    private (int ExitCode, string Stdout, string Stderr) Retry() =>
        _project.Invoke((o, output) => RetryTask.ExecuteAsync(o, output, CancellationToken.None).GetAwaiter().GetResult());

    private void Destinations(bool dryRun = false, string more = "") => _project.Write("models/destinations.yml", $$$"""
        destinations:
          - name: crm
            type: amplitude
            api_key: "{{ env_var 'AMPLITUDE_API_KEY' }}"
            endpoint: {{{_server.BatchUri}}}
            dry_run: {{{(dryRun ? "true" : "false")}}}
        {{{more}}}
        """);

    private (int ExitCode, string Stdout, string Stderr) Push(PushSettings settings) =>
        _project.Invoke((o, output) => PushTask.ExecuteAsync(o, settings, output, CancellationToken.None).GetAwaiter().GetResult());

    private Dictionary<string, long> Counts() =>
        Result()[0].GetProperty("adapter_response").EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).ToDictionary(p => p.Name, p => p.Value.GetInt64());

    private List<JsonElement> Result() =>
        JsonDocument.Parse(_project.Read("target/run_results.json")).RootElement.GetProperty("results").EnumerateArray().ToList();
}
