using Pipes.Core.Push;
using Pipes.Tests.TestKit;
using Pipes.Core.Compile;

namespace Pipes.Tests.Push;

public class PushFailureTests : IAsyncLifetime
{
    private PushHarness _h = null!;

    public async Task InitializeAsync() => _h = await PushHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_400_refuses_the_listed_events_with_the_reason_and_resends_the_others()
    {
        await _h.ProfilesAsync(PushHarness.Users(6, i => i == 4 ? $$"""{"bio":"{{new string('x', 1500)}}"}""" : """{"plan":"pro"}"""));

        var result = await _h.PushAsync();

        (result.Accepted, result.Refused).ShouldBe((5L, 1L));
        _h.Server.Requests.Select(r => r.Status).ShouldBe([400, 200]);
        _h.Server.Events.Count.ShouldBe(5);
        var refused = (await _h.LogAsync()).Single(l => l.Outcome == "refused");
        refused.Id.ShouldBe("user:user-00004");
        refused.Reason.ShouldBe("invalid field 'user_properties': Invalid field values on some events");
        (await _h.StateAsync()).ContainsKey("user:user-00004").ShouldBeFalse();
    }

    [Fact]
    public async Task A_413_halves_the_batch_and_a_single_oversized_event_is_refused()
    {
        await _h.ProfilesAsync(PushHarness.Users(8, i => i == 3 ? $$"""{"bio":"{{new string('y', 900)}}","more":"{{new string('z', 900)}}"}""" : """{"plan":"pro"}"""));
        _h.Server.MaxBytes = 1500;

        var result = await _h.PushAsync();

        (result.Accepted, result.Refused).ShouldBe((7L, 1L));
        _h.Server.Requests.Count(r => r.Status == 413).ShouldBeGreaterThan(1);
        var refused = (await _h.LogAsync()).Single(l => l.Outcome == "refused");
        (refused.Id, refused.Reason).ShouldBe(("user:user-00003", "payload too large (413) for a single event"));
        _h.Server.Events.Count.ShouldBe(7);
    }

    [Fact]
    public async Task An_invalid_api_key_stops_the_run_with_a_clear_error_that_never_holds_the_key()
    {
        const string wrongKey = "wrong-key-5b8d21aa";
        await _h.ProfilesAsync(PushHarness.Users(30));

        var result = await _h.PushAsync(_h.Destination(d => d with { ApiKey = wrongKey, MaxEventsPerBatch = 5, Concurrency = 1 }));

        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldBe("Amplitude refused the API key of destination 'crm' (400 Invalid API key); check the key and the region.");
        _h.Server.Requests.Count.ShouldBe(1);
        result.Summary().ShouldNotContain(wrongKey);
        (await _h.StateAsync()).ShouldBeEmpty();
        var everything = string.Join("\n", (await _h.QueryAsync("SELECT * FROM pipes_push_log UNION ALL SELECT destination, amplitude_id, content_hash, properties, last_outcome, pushed_keys, last_pushed_at FROM pipes_push_state"))
            .SelectMany(r => r).Select(v => v?.ToString()));
        everything.ShouldNotContain(wrongKey);
    }

    [Fact]
    public async Task A_429_resends_throttled_users_after_30_seconds_records_daily_quota_ones_and_sends_the_rest_at_once()
    {
        await _h.ProfilesAsync(PushHarness.Users(5));
        _h.Server.Script.Enqueue(AmplitudeStep.Throttle(users: ["user-00002"], quotaUsers: ["user-00004"]));

        var result = await _h.PushAsync(pumpClock: true);

        (result.Accepted, result.Refused).ShouldBe((4L, 1L));
        var requests = _h.Server.Requests;
        requests.Select(r => (r.Status, r.EventCount)).ShouldBe([(429, 5), (200, 3), (200, 1)]);
        (requests[1].At - requests[0].At).ShouldBeLessThan(TimeSpan.FromSeconds(5));
        (requests[2].At - requests[0].At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(30));
        ((string?)requests[2].Events![0]!["user_id"]).ShouldBe("user-00002");
        (await _h.LogAsync()).Single(l => l.Outcome == "refused").ShouldBe(("user:user-00004", "refused", "exceeded daily quota (429)"));
    }

    [Fact]
    public async Task Endless_throttling_is_recorded_as_gave_up()
    {
        await _h.ProfilesAsync(PushHarness.Users(1));
        for (var i = 0; i < 20; i++) _h.Server.Script.Enqueue(AmplitudeStep.Throttle(users: ["user-00001"]));

        var result = await _h.PushAsync(pumpClock: true);

        result.GaveUp.ShouldBe(1);
        _h.Server.Requests.Count.ShouldBe(PushHarness.Retry.MaxThrottleRounds + 1);
        (await _h.LogAsync()).Single().Reason.ShouldBe("still throttled (429) after 10 delays");
    }

    [Fact]
    public async Task Server_errors_and_dropped_connections_are_retried_with_backoff_and_dedup_makes_resends_harmless()
    {
        await _h.ProfilesAsync(PushHarness.Users(4));
        _h.Server.Script.Enqueue(AmplitudeStep.Reply(503));
        _h.Server.Script.Enqueue(AmplitudeStep.Drop());
        _h.Server.Script.Enqueue(AmplitudeStep.IngestThenReply(500));
        _h.Server.Script.Enqueue(AmplitudeStep.Reply(502));
        _h.Server.Script.Enqueue(AmplitudeStep.Reply(504));

        var result = await _h.PushAsync(pumpClock: true);

        result.Accepted.ShouldBe(4);
        result.Requests.ShouldBe(6);
        var at = _h.Server.Requests.Select(r => r.At).ToList();
        // Exponential backoff from 1 s, jittered (the randomizer at 0.5): the gaps are exactly the delays chosen, as
        // the clock moves only to the next timer (0.90, 1.09, 2.04, 4.05, 8.08 s with Polly 8).
        var waits = at.Zip(at.Skip(1), (a, b) => b - a).ToList();
        waits[0].ShouldBeInRange(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2));
        waits.Zip(waits.Skip(1), (a, b) => b >= a).ShouldAllBe(grows => grows);
        waits[^1].ShouldBeGreaterThanOrEqualTo(4 * waits[0]); // doubling, not a constant or linear step
        _h.Server.Ingested.ShouldBe(8);
        _h.Server.Events.Count.ShouldBe(4);
    }

    [Fact]
    public async Task Failures_that_outlast_the_retries_are_recorded_as_gave_up_and_sent_again_next_run()
    {
        await _h.ProfilesAsync(PushHarness.Users(3));
        for (var i = 0; i <= PushHarness.Retry.MaxRetryAttempts; i++) _h.Server.Script.Enqueue(AmplitudeStep.Reply(503));

        var failed = await _h.PushAsync(pumpClock: true);

        (failed.GaveUp, failed.Requests).ShouldBe((3L, PushHarness.Retry.MaxRetryAttempts + 1L));
        (await _h.LogAsync()).ShouldAllBe(l => l.Outcome == "gave_up" && l.Reason == "HTTP 503: HTTP 503");
        (await _h.StateAsync()).ShouldBeEmpty();

        var rerun = await _h.PushAsync(pumpClock: true);

        rerun.Accepted.ShouldBe(3);
        _h.Server.Events.Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_slow_answer_past_the_http_timeout_is_retried()
    {
        await _h.ProfilesAsync(PushHarness.Users(2));
        _h.Server.Script.Enqueue(AmplitudeStep.Slow(TimeSpan.FromSeconds(1)));
        using var pusher = new Pusher(_h.Target, _h.Destination(), TimeProvider.System, randomizer: () => 0,
            retry: PushHarness.Retry with { HttpTimeout = TimeSpan.FromMilliseconds(200), RetryBaseDelay = TimeSpan.FromMilliseconds(1) });

        var result = await pusher.PushAsync(new PushOptions { Templates = StatementTemplates.BuiltIn }, CancellationToken.None);

        result.Accepted.ShouldBe(2);
        result.Requests.ShouldBe(2);
    }
}
