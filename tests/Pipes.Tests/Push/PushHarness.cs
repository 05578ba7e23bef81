using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Pipes.Core.Push;
using Pipes.Core.Targets;
using Pipes.Core.Targets.DuckDb;
using Pipes.Tests.TestKit;
using Pipes.Core.Compile;

namespace Pipes.Tests.Push;

/// <summary>
/// A real in-memory DuckDB holding a fixture push relation <c>pipes_push_crm</c>, a loopback Amplitude, and a
/// FakeTimeProvider; retries use Polly's real backoff on fake time, advanced by <see cref="PushAsync"/> as needed.
/// </summary>
public sealed class PushHarness : IAsyncDisposable
{
    /// <summary>
    /// The insert_id the warehouse must compute, written out here from the documented formula (docs/push.md), not
    /// taken from the template: 'pipes-' + the first 16 bytes of SHA-256(destination, key, run, generation, hash) in hex.
    /// </summary>
    public static string InsertId(string destination, string key, string runId, long generation, string contentHash) =>
        "pipes-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            string.Join('\n', destination, key, runId, generation.ToString(System.Globalization.CultureInfo.InvariantCulture), contentHash))))[..32];

    public const string Key = "amp-key-7f3c9e51d2";
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly AmplitudeRetryOptions Retry = new() { HttpTimeout = TimeSpan.FromSeconds(5) };

    private PushHarness(DuckDbTarget target, AmplitudeServer server)
    {
        Target = target;
        Server = server;
        Server.Clock = Clock;
    }

    public DuckDbTarget Target { get; }
    public AmplitudeServer Server { get; }
    public TimerClock Clock { get; } = new(Start);
    public string TargetDirectory { get; } = Directory.CreateTempSubdirectory("pipes-push-").FullName;

    public static async Task<PushHarness> StartAsync()
    {
        var harness = new PushHarness(DuckDbTarget.Open(":memory:"), await AmplitudeServer.StartAsync(Key));
        await harness.SqlAsync("CREATE TABLE pipes_push_crm (profile_id VARCHAR, user_id VARCHAR, device_id VARCHAR, properties JSON, content_hash VARCHAR)");
        return harness;
    }

    public PushDestination Destination(Func<PushDestination, PushDestination>? change = null)
    {
        var d = new PushDestination { Name = "crm", ApiKey = Key, Endpoint = Server.BatchUri, Concurrency = 2 };
        return change is null ? d : change(d);
    }

    /// <summary>Replaces the push relation's rows; the hash is md5 of the properties text, as the SQL layer will do.</summary>
    public async Task ProfilesAsync(params (string Profile, string? User, string? Device, string Properties)[] rows)
    {
        await SqlAsync("DELETE FROM pipes_push_crm");
        foreach (var chunk in rows.Chunk(500))
        {
            var values = chunk.Select(r => $"({Lit(r.Profile)}, {Lit(r.User)}, {Lit(r.Device)}, {Lit(r.Properties)}, md5({Lit(r.Properties)}))");
            await SqlAsync("INSERT INTO pipes_push_crm VALUES " + string.Join(", ", values));
        }
    }

    public static (string, string?, string?, string)[] Users(int count, Func<int, string>? properties = null) =>
        Enumerable.Range(1, count).Select(i => ($"p{i:D5}", (string?)$"user-{i:D5}", (string?)null, properties?.Invoke(i) ?? $$"""{"plan":"pro","seats":{{i}}}""")).ToArray();

    /// <summary>
    /// Runs a push. With <paramref name="pumpClock"/>, whenever the run is idle for 5 ms of real time and waits on a
    /// timer (a backoff or throttle delay), fake time moves to exactly when that timer is due: never while a request is
    /// in flight, so the gaps between requests are the delays the pusher chose, however slow the machine. Without it
    /// the clock stays at <see cref="Start"/>.
    /// </summary>
    public async Task<PushResult> PushAsync(PushDestination? destination = null, PushOptions? options = null,
        CancellationToken cancellationToken = default, bool pumpClock = false)
    {
        using var pusher = new Pusher(Target, destination ?? Destination(), Clock, randomizer: () => 0.5, retry: Retry);
        var run = pusher.PushAsync((options ?? new PushOptions { Templates = StatementTemplates.BuiltIn }) with { TargetDirectory = TargetDirectory }, cancellationToken);
        while (!run.IsCompleted)
        {
            if (await Task.WhenAny(run, Task.Delay(5, CancellationToken.None)) != run && pumpClock) Clock.AdvanceToNextTimer();
        }
        return await run;
    }

    public async Task<IReadOnlyList<object?[]>> QueryAsync(string sql) =>
        (await Target.ExecuteAsync(sql, StatementContext.Adhoc("tests"), CancellationToken.None)).Rows;

    public async Task SqlAsync(string sql) => await Target.ExecuteAsync(sql, StatementContext.Adhoc("tests"), CancellationToken.None);

    /// <summary>(amplitude_id, outcome, reason) of the log, ordered.</summary>
    public async Task<List<(string? Id, string Outcome, string? Reason)>> LogAsync() =>
        (await QueryAsync("""SELECT amplitude_id, outcome, reason FROM pipes_push_log ORDER BY "at", amplitude_id, outcome"""))
            .Select(r => ((string?)r[0], (string)r[1]!, (string?)r[2])).ToList();

    /// <summary>(amplitude_id, content_hash) of the identities whose delivery Amplitude confirmed (not uncertain).</summary>
    public async Task<Dictionary<string, string>> StateAsync() =>
        (await QueryAsync("SELECT amplitude_id, content_hash FROM pipes_push_state WHERE destination = 'crm' AND NOT uncertain"))
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);

    /// <summary>
    /// What Amplitude should hold if every change reached it: per user id (or device id) of the push relation, its
    /// non-null properties, keys sorted; rows whose properties are not a JSON object and empty profiles are left out.
    /// Compare with <see cref="AmplitudeServer.Profiles"/>.
    /// </summary>
    public async Task<SortedDictionary<string, string>> WarehouseAsync()
    {
        var expected = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in await QueryAsync("SELECT COALESCE(user_id, device_id), CAST(properties AS VARCHAR) FROM pipes_push_crm"))
        {
            JsonObject? props;
            try { props = JsonNode.Parse((string)r[1]!) as JsonObject; }
            catch (System.Text.Json.JsonException) { props = null; }
            if (props is null || r[0] is not string id) continue;
            var kept = props.Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(p.Key, p.Value!.DeepClone())).ToList();
            if (kept.Count > 0) expected[id] = new JsonObject(kept!).ToJsonString();
        }
        return expected;
    }

    public static JsonObject Props(JsonObject e) => e["user_properties"]!.AsObject();

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Target.DisposeAsync();
        Directory.Delete(TargetDirectory, recursive: true);
    }

    private static string Lit(string? v) => v is null ? "NULL" : "'" + v.Replace("'", "''") + "'";
}

/// <summary>
/// A <see cref="FakeTimeProvider"/> that remembers when each timer it made is due, so a test can move time to exactly
/// the next one. Creating a timer and moving time share a lock: a timer made while time moves would otherwise be due
/// later than recorded.
/// </summary>
public sealed class TimerClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly object _gate = new();
    private readonly List<DateTimeOffset> _due = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            if (dueTime != Timeout.InfiniteTimeSpan) _due.Add(GetUtcNow() + dueTime);
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }

    /// <summary>Moves time to the earliest timer due after now; false when none is pending.</summary>
    public bool AdvanceToNextTimer()
    {
        lock (_gate)
        {
            var now = GetUtcNow();
            _due.RemoveAll(d => d <= now);
            if (_due.Count == 0) return false;
            Advance(_due.Min() - now);
            return true;
        }
    }
}
