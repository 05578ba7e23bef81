using System.Text;
using Pipes.Core.Push;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;
using Shouldly;
using Xunit;

namespace Pipes.Tests.Ingest;

/// <summary><c>pipes ingest amplitude</c> against <see cref="ExportApiServer"/>, into a real DuckDB file.</summary>
public sealed class IngestTests : IAsyncLifetime
{
    private const string ApiKey = "api-key-4c1d";
    private const string Secret = "s3cret-9f2b7e1a-do-not-log";
    private static readonly DateTime H0 = new(2026, 2, 1, 4, 0, 0, DateTimeKind.Utc);
    private static readonly AmplitudeRetryOptions Fast = new()
    {
        MaxRetryAttempts = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(1), RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        ThrottleDelay = TimeSpan.FromMilliseconds(5), HttpTimeout = TimeSpan.FromSeconds(30),
    };

    private ExportApiServer _server = null!;
    private TestProject _project = null!;

    public async Task InitializeAsync()
    {
        _server = await ExportApiServer.StartAsync(ApiKey, Secret);
        _project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: t\nprofile: t\n",
            ["profiles.yml"] = "t:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n",
            ["models/sources.yml"] = $$$"""
                sources:
                  - name: amplitude
                    schema: raw
                    amplitude_export:
                      api_key: "{{ env_var 'AMPLITUDE_API_KEY' }}"
                      secret_key: "{{ env_var 'AMPLITUDE_SECRET_KEY' }}"
                      region: us
                      table: amplitude_events_raw
                      endpoint: {{{_server.ExportUri}}}
                    tables:
                      - name: amplitude_events_raw
                """,
        });
        _project.Environment["AMPLITUDE_API_KEY"] = ApiKey;
        _project.Environment["AMPLITUDE_SECRET_KEY"] = Secret;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _project.Dispose();
    }

    private static DateTime H(int i) => H0.AddHours(i);

    private void Serve(int hour, int events, int offset = 0) =>
        _server.Hours[H(hour)] = Enumerable.Range(offset, events).Select(i => ExportApiServer.Event(H(hour), i)).ToList();

    private (int ExitCode, string Stdout, string Stderr) Ingest(string? start, string? end, AmplitudeRetryOptions? retry = null, bool json = false)
    {
        var settings = new IngestSettings { Start = start, End = end, Retry = retry ?? Fast };
        var result = _project.Invoke((o, output) => IngestTask.ExecuteAsync(o, settings, output, CancellationToken.None).GetAwaiter().GetResult(), json: json);
        // The secret key is in no output of any run, successful or not.
        (result.Stdout + result.Stderr).ShouldNotContain(Secret);
        return result;
    }

    private static string T(int hour) => H(hour).ToString("yyyyMMdd'T'HH");

    /// <summary>Rows per hour and a checksum over everything the server sent (ingested_at left out: it is the run's clock).</summary>
    private async Task<(long Rows, long Distinct, string Checksum)> TableAsync(string where = "TRUE")
    {
        await using var db = DuckDb.Open(_project);
        var row = (await db.QueryAsync($"""
            SELECT COUNT(*), COUNT(DISTINCT insert_id),
              coalesce(md5(string_agg(concat_ws('|', export_hour, insert_id, uuid, event_type, user_id, device_id, amplitude_id, event_time, server_upload_time, event_json), '\n' ORDER BY insert_id)), '')
            FROM raw.amplitude_events_raw WHERE {where}
            """))[0];
        return (Convert.ToInt64(row[0]), Convert.ToInt64(row[1]), (string)row[2]!);
    }

    private string Expected(params int[] hours) =>
        string.Join("", hours.SelectMany(h => _server.Hours.GetValueOrDefault(H(h)) ?? []));

    [Fact]
    public async Task A_range_of_hours_loads_every_event_once_and_records_an_hour_without_data()
    {
        Serve(0, 120);
        Serve(1, 75);
        Serve(3, 40); // hour 2 has no data: the Export API answers 404
        var (code, stdout, stderr) = Ingest(T(0), T(3));
        code.ShouldBe(0, stderr);
        stdout.ShouldContain($"{T(2)} no_data: 0 events");
        var (rows, distinct, _) = await TableAsync();
        rows.ShouldBe(235);
        distinct.ShouldBe(235);
        await using var db = DuckDb.Open(_project);
        (await db.QueryAsync("SELECT strftime(export_hour, '%H'), status, files, events FROM raw.pipes_ingest_hours ORDER BY export_hour"))
            .Select(r => $"{r[0]} {r[1]} {r[2]} {r[3]}").ShouldBe(["04 loaded 2 120", "05 loaded 2 75", "06 no_data 0 0", "07 loaded 2 40"]);
        (await db.ScalarAsync("SELECT strftime(last_hour, '%Y%m%dT%H') FROM raw.pipes_ingest_watermark WHERE source = 'amplitude'")).ShouldBe(T(3));
        // Every event of the server is there as sent, with its parsed fields.
        (await db.ScalarAsync("SELECT string_agg(event_json, '' ORDER BY export_hour, export_file, file_line) FROM raw.amplitude_events_raw")).ShouldNotBeNull();
        (await db.ScalarAsync("SELECT COUNT(*) FROM raw.amplitude_events_raw WHERE event_type IS NULL OR device_id IS NULL OR event_time IS NULL OR server_upload_time IS NULL OR uuid IS NULL")).ShouldBe(0L);
        (await db.ScalarAsync("SELECT COUNT(*) FROM raw.amplitude_events_raw WHERE user_id IS NULL")).ShouldBe(40L + 25 + 14); // every third event is anonymous
        _server.Requests.ShouldBe([$"{T(0)}..{T(0)} 200", $"{T(1)}..{T(1)} 200", $"{T(2)}..{T(2)} 404", $"{T(3)}..{T(3)} 200"]); // one hour per request
    }

    [Fact]
    public async Task A_rerun_of_the_same_hours_leaves_the_same_rows()
    {
        Serve(0, 120);
        Serve(1, 75);
        Ingest(T(0), T(1)).ExitCode.ShouldBe(0);
        var first = await TableAsync();
        Ingest(T(0), T(1)).ExitCode.ShouldBe(0);
        var second = await TableAsync();
        second.ShouldBe(first);
        first.Rows.ShouldBe(195);
    }

    [Fact]
    public async Task A_rerun_after_one_hour_changed_replaces_exactly_that_hour()
    {
        Serve(0, 120);
        Serve(1, 75);
        Serve(2, 30);
        Ingest(T(0), T(2)).ExitCode.ShouldBe(0);
        var hour0 = await TableAsync($"export_hour = TIMESTAMP '{H(0):yyyy-MM-dd HH}:00:00'");
        var hour2 = await TableAsync($"export_hour = TIMESTAMP '{H(2):yyyy-MM-dd HH}:00:00'");
        Serve(1, 50, offset: 40); // 35 events gone, 15 new, 35 kept
        Ingest(T(0), T(2)).ExitCode.ShouldBe(0);
        (await TableAsync($"export_hour = TIMESTAMP '{H(0):yyyy-MM-dd HH}:00:00'")).ShouldBe(hour0);
        (await TableAsync($"export_hour = TIMESTAMP '{H(2):yyyy-MM-dd HH}:00:00'")).ShouldBe(hour2);
        await using var db = DuckDb.Open(_project);
        var ids = (await db.QueryAsync($"SELECT insert_id FROM raw.amplitude_events_raw WHERE export_hour = TIMESTAMP '{H(1):yyyy-MM-dd HH}:00:00' ORDER BY file_line, export_file"))
            .Select(r => (string)r[0]!).Order(StringComparer.Ordinal).ToList();
        ids.ShouldBe(Enumerable.Range(40, 50).Select(i => $"ins-{H(1):yyyyMMddHH}-{i}").Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task A_run_interrupted_mid_archive_then_rerun_loses_nothing_and_duplicates_nothing()
    {
        Serve(0, 120);
        Serve(1, 75);
        Serve(2, 30);
        _server.Script.Enqueue(new ExportStep()); // hour 0 goes through
        _server.Script.Enqueue(new ExportStep(DropMidArchive: true)); // hour 1: the connection drops halfway
        var (code, _, stderr) = Ingest(T(0), T(2), Fast with { MaxRetryAttempts = 0 });
        code.ShouldBe(1);
        stderr.ShouldContain($"hour {T(1)}: no complete answer");
        var after = await TableAsync();
        after.Rows.ShouldBe(120); // hour 0 done, hour 1 not half-loaded
        await using (var db = DuckDb.Open(_project))
            (await db.ScalarAsync("SELECT strftime(last_hour, '%Y%m%dT%H') FROM raw.pipes_ingest_watermark")).ShouldBe(T(0));
        // The rerun starts after the watermark.
        var rerun = Ingest(null, T(2));
        rerun.ExitCode.ShouldBe(0, rerun.Stderr);
        rerun.Stdout.ShouldContain($"{T(1)}..{T(2)} (2 hours)");
        var (rows, distinct, _) = await TableAsync();
        (rows, distinct).ShouldBe((225L, 225L));
    }

    [Fact]
    public async Task A_drop_mid_archive_is_retried_within_the_run()
    {
        Serve(0, 120);
        _server.Script.Enqueue(new ExportStep(DropMidArchive: true));
        var (code, _, stderr) = Ingest(T(0), T(0));
        code.ShouldBe(0, stderr);
        (await TableAsync()).Rows.ShouldBe(120);
        _server.Requests.Select(r => r[(r.IndexOf(' ') + 1)..]).ShouldBe(["200 dropped", "200"]);
    }

    [Fact]
    public async Task Throttling_and_server_errors_are_retried_then_loaded()
    {
        Serve(0, 20);
        _server.Script.Enqueue(new ExportStep(429));
        _server.Script.Enqueue(new ExportStep(503));
        var (code, stdout, stderr) = Ingest(T(0), T(0));
        code.ShouldBe(0, stderr);
        stdout.ShouldContain("3 requests");
        _server.Requests.Select(r => r[(r.IndexOf(' ') + 1)..]).ShouldBe(["429", "503", "200"]);
        (await TableAsync()).Rows.ShouldBe(20);
    }

    [Fact]
    public void Throttled_past_the_retries_is_a_clear_error_and_nothing_moves()
    {
        Serve(0, 20);
        for (var i = 0; i < 4; i++) _server.Script.Enqueue(new ExportStep(429));
        var (code, _, stderr) = Ingest(T(0), T(0));
        code.ShouldBe(1);
        stderr.ShouldContain("PIPES0980");
        stderr.ShouldContain("still throttled (429) after 4 requests");
    }

    [Fact]
    public void A_refused_range_is_a_clear_error()
    {
        Serve(0, 20);
        _server.MaxHours = 0; // the server refuses every range, as it does past 4 GB
        var (code, _, stderr) = Ingest(T(0), T(0));
        code.ShouldBe(1);
        stderr.ShouldContain($"PIPES0980: hour {T(0)}: the Export API refused the range (400: Invalid date range)");
        stderr.ShouldContain("4 GB");
    }

    [Fact]
    public void A_wrong_secret_key_is_refused_with_401_and_named_without_the_key()
    {
        Serve(0, 20);
        _project.Environment["AMPLITUDE_SECRET_KEY"] = "wrong-" + Secret;
        var (code, stdout, stderr) = Ingest(T(0), T(0));
        code.ShouldBe(1);
        stderr.ShouldContain("refused the keys of source 'amplitude' (401)");
        (stdout + stderr).ShouldNotContain("wrong-");
    }

    [Fact]
    public void Bad_hours_and_a_missing_watermark_are_errors()
    {
        var bad = Ingest("2026-02-01T04", T(0));
        bad.ExitCode.ShouldBe(1);
        bad.Stderr.ShouldContain("PIPES0082");
        bad.Stderr.ShouldContain("--start '2026-02-01T04' is not an hour in YYYYMMDDTHH form");
        var reversed = Ingest(T(3), T(0));
        reversed.ExitCode.ShouldBe(1);
        reversed.Stderr.ShouldContain("is before the start");
        var first = Ingest(null, T(0));
        first.ExitCode.ShouldBe(1);
        first.Stderr.ShouldContain("no watermark yet");
    }

    [Fact]
    public async Task The_secret_key_is_in_no_output_log_or_artifact()
    {
        Serve(0, 30);
        Serve(2, 10);
        Ingest(T(0), T(2), json: true).ExitCode.ShouldBe(0);
        _server.MaxHours = 0;
        Ingest(T(0), T(0)).ExitCode.ShouldBe(1);
        _project.Compile().ExitCode.ShouldBe(0);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiKey + ":" + Secret));
        var files = Directory.EnumerateFiles(_project.Root, "*", SearchOption.AllDirectories).ToList();
        files.ShouldContain(f => f.EndsWith("test.duckdb", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file));
            bytes.ShouldNotContain(Secret, customMessage: file);
            bytes.ShouldNotContain(basic, customMessage: file);
        }
    }

    [Fact]
    public async Task A_hundred_times_the_sample_loads_every_event_once()
    {
        var sample = File.ReadLines(Path.Combine(RepoPaths.Root, "seeds", "amplitude_events.csv")).Count() - 1;
        var total = sample * 100;
        for (var h = 0; h < 4; h++) Serve(h, total / 4 + (h < total % 4 ? 1 : 0), offset: h * total);
        _server.FilesPerHour = 3;
        var (code, _, stderr) = Ingest(T(0), T(3));
        code.ShouldBe(0, stderr);
        var first = await TableAsync();
        (first.Rows, first.Distinct).ShouldBe((total, total));
        Ingest(T(0), T(3)).ExitCode.ShouldBe(0);
        (await TableAsync()).ShouldBe(first);
    }

    [Fact]
    public async Task An_hour_that_fails_to_load_keeps_its_previous_rows_and_the_watermark()
    {
        Serve(0, 10);
        Serve(1, 10);
        // ISO-8601 with a Z, as the schema on Amplitude's page writes it, loads too.
        _server.Hours[H(1)][0] = _server.Hours[H(1)][0].Replace($"\"event_time\":\"{H(1).AddMinutes(-5):yyyy-MM-dd HH:mm:ss}.000000\"", $"\"event_time\":\"{H(1):yyyy-MM-dd}T03:59:00.123Z\"");
        Ingest(T(0), T(1)).ExitCode.ShouldBe(0);
        var before = await TableAsync();
        before.Rows.ShouldBe(20);
        _server.Hours[H(1)] = [.. _server.Hours[H(1)].Take(9), ExportApiServer.Event(H(1), 99).Replace("\"event_time\":\"", "\"event_time\":\"not a time")];
        var (code, _, stderr) = Ingest(T(1), T(1));
        code.ShouldBe(1);
        stderr.ShouldContain("PIPES0980");
        (await TableAsync()).ShouldBe(before); // the DELETE of the hour was rolled back with the failed INSERT
        await using var db = DuckDb.Open(_project);
        (await db.ScalarAsync("SELECT strftime(last_hour, '%Y%m%dT%H') FROM raw.pipes_ingest_watermark")).ShouldBe(T(1));
        (await db.ScalarAsync("SELECT COUNT(*) FROM raw.amplitude_events_raw WHERE event_time = TIMESTAMP '2026-02-01 03:59:00.123'")).ShouldBe(1L);
    }
}
