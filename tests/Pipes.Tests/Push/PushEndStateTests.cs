using Pipes.Core.Push;
using Pipes.Tests.TestKit;
using Pipes.Core.Compile;

namespace Pipes.Tests.Push;

/// <summary>
/// Scenarios of issue 10 section 2, judged by the end state a user of Amplitude sees: the loopback server applies
/// every ingested <c>$identify</c> once per insert_id ($set, then $unset), and after each run it must hold exactly
/// the warehouse's properties. Real DuckDB throughout.
/// </summary>
public class PushEndStateTests : IAsyncLifetime
{
    private PushHarness _h = null!;

    public async Task InitializeAsync() => _h = await PushHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task AmplitudeHoldsTheWarehouseAsync() => _h.Server.Profiles().ShouldBe(await _h.WarehouseAsync());

    [Fact]
    public async Task A_reverted_value_reaches_amplitude()
    {
        foreach (var plan in new[] { "free", "pro", "free" })
        {
            await _h.ProfilesAsync(("p1", "user-00001", null, $$"""{"plan":"{{plan}}"}"""), ("p2", "user-00002", null, """{"plan":"team"}"""));
            (await _h.PushAsync()).Succeeded.ShouldBeTrue();
            await AmplitudeHoldsTheWarehouseAsync();
        }
        _h.Server.Profiles()["user-00001"].ShouldBe("""{"plan":"free"}""");
    }

    [Fact]
    public async Task A_full_resync_is_not_deduplicated_away()
    {
        await _h.ProfilesAsync(PushHarness.Users(3));
        await _h.PushAsync();
        var ingested = _h.Server.Events.Count;

        var result = await _h.PushAsync(options: new PushOptions { Templates = StatementTemplates.BuiltIn, FullResync = true });

        result.Accepted.ShouldBe(3);
        _h.Server.Events.Count.ShouldBe(ingested + 3);
        await AmplitudeHoldsTheWarehouseAsync();
    }

    [Fact]
    public async Task A_vanished_profile_is_unset_key_by_key_and_leaves_no_state_row()
    {
        await _h.ProfilesAsync(("p1", "user-00001", null, """{"plan":"pro","seats":3}"""), ("p2", "user-00002", null, """{"plan":"team"}"""));
        await _h.PushAsync();
        await _h.ProfilesAsync(("p2", "user-00002", null, """{"plan":"team"}"""));

        var result = await _h.PushAsync();

        result.Accepted.ShouldBe(1);
        await AmplitudeHoldsTheWarehouseAsync();
        PushHarness.Props(_h.Server.Requests[^1].Events!.Single()!.AsObject()).ToJsonString().ShouldBe("""{"$unset":{"plan":"-","seats":"-"}}""");
        (await _h.QueryAsync("SELECT amplitude_id FROM pipes_push_state")).Select(r => (string)r[0]!).ShouldBe(["user:user-00002"]);
        (await _h.PushAsync()).Pending.ShouldBe(0);
    }

    [Fact]
    public async Task A_profile_that_vanishes_and_returns_with_its_old_values_reaches_amplitude()
    {
        (string, string?, string?, string) p1 = ("p1", "user-00001", null, """{"plan":"pro"}""");
        await _h.ProfilesAsync(p1);
        await _h.PushAsync();
        await _h.ProfilesAsync();
        await _h.PushAsync();
        _h.Server.Profiles().ShouldBeEmpty();

        await _h.ProfilesAsync(p1);
        (await _h.PushAsync()).Accepted.ShouldBe(1);

        await AmplitudeHoldsTheWarehouseAsync();
    }

    [Fact]
    public async Task After_an_uncertain_outcome_a_blanked_value_is_unset()
    {
        await _h.ProfilesAsync(("p1", "user-00001", null, """{"plan":"pro"}"""));
        await _h.PushAsync();
        // Amplitude ingests seats=3 but answers 500 to every attempt: the pusher cannot know it arrived.
        await _h.ProfilesAsync(("p1", "user-00001", null, """{"plan":"pro","seats":3}"""));
        for (var i = 0; i <= PushHarness.Retry.MaxRetryAttempts; i++) _h.Server.Script.Enqueue(AmplitudeStep.IngestThenReply(500));
        (await _h.PushAsync(pumpClock: true)).GaveUp.ShouldBe(1);
        _h.Server.Profiles()["user-00001"].ShouldBe("""{"plan":"pro","seats":3}""");

        await _h.ProfilesAsync(("p1", "user-00001", null, """{"plan":"pro"}"""));
        var result = await _h.PushAsync();

        result.Accepted.ShouldBe(1);
        await AmplitudeHoldsTheWarehouseAsync();
    }

    [Fact]
    public async Task After_a_run_killed_in_flight_a_blanked_value_is_unset()
    {
        await _h.ProfilesAsync(("p1", "user-00001", null, """{"plan":"pro"}"""));
        await _h.PushAsync();
        await _h.ProfilesAsync(("p1", "user-00001", null, """{"plan":"pro","seats":3}"""));
        // Amplitude ingests the request; the run is killed before the answer arrives.
        using (var kill = new CancellationTokenSource())
        {
            _h.Server.Script.Enqueue(new AmplitudeStep(200, _ =>
            {
                kill.Cancel();
                Thread.Sleep(300);
                return """{"code":200}""";
            }, IngestFirst: true));
            await Should.ThrowAsync<OperationCanceledException>(() => _h.PushAsync(cancellationToken: kill.Token));
        }
        _h.Server.Profiles()["user-00001"].ShouldBe("""{"plan":"pro","seats":3}""");

        await _h.ProfilesAsync(("p1", "user-00001", null, """{"plan":"pro"}"""));
        (await _h.PushAsync()).Accepted.ShouldBe(1);

        await AmplitudeHoldsTheWarehouseAsync();
    }

    [Fact]
    public async Task A_malformed_row_is_refused_and_logged_and_the_others_are_delivered()
    {
        await _h.SqlAsync("DROP TABLE pipes_push_crm");
        await _h.SqlAsync("CREATE TABLE pipes_push_crm (profile_id VARCHAR, user_id VARCHAR, device_id VARCHAR, properties VARCHAR, content_hash VARCHAR)");
        await _h.ProfilesAsync(
            ("p1", "user-00001", null, """{"plan":"pro"}"""),
            ("p2", "user-00002", null, """[1,2]"""),
            ("p3", "user-00003", null, """{"plan":"""),
            ("p4", "user-00004", null, """{"plan":"team"}"""));

        var result = await _h.PushAsync();

        result.Succeeded.ShouldBeTrue();
        (result.Accepted, result.Refused).ShouldBe((2L, 2L));
        await AmplitudeHoldsTheWarehouseAsync();
        var refused = await _h.QueryAsync("SELECT amplitude_id, insert_id, reason FROM pipes_push_log WHERE outcome = 'refused' ORDER BY amplitude_id");
        refused.Select(r => ((string)r[0]!, r[1])).ShouldBe([("user:user-00002", null), ("user:user-00003", null)]);
        ((string)refused[0][2]!).ShouldContain("not a JSON object");
    }

    [Fact]
    public async Task An_event_refused_before_sending_is_logged_without_an_insert_id()
    {
        await _h.ProfilesAsync(PushHarness.Users(3, i => i == 2 ? $$"""{"bio":"{{new string('x', 3000)}}"}""" : """{"plan":"pro"}"""));

        var result = await _h.PushAsync(_h.Destination(d => d with { MaxBytesPerBatch = 2048 }));

        (result.Accepted, result.Refused).ShouldBe((2L, 1L));
        var refused = await _h.QueryAsync("SELECT amplitude_id, insert_id FROM pipes_push_log WHERE outcome = 'refused'");
        refused.Single().ShouldBe(["user:user-00002", null]);
        _h.Server.Requests.SelectMany(r => r.Events!).ShouldNotContain(e => (string?)e!["user_id"] == "user-00002");
    }

    [Fact]
    public async Task An_id_amplitude_refuses_like_lmy47d_is_skipped()
    {
        await _h.ProfilesAsync(("p1", "lmy47d", null, """{"plan":"pro"}"""), ("p2", "user-00002", null, """{"plan":"team"}"""));

        var result = await _h.PushAsync();

        (result.Accepted, result.SkippedInvalidIds).ShouldBe((1L, 1L));
        _h.Server.Requests.Single().Status.ShouldBe(200);
    }

    /// <summary>Amplitude's documented invalid user ids (HTTP V2 API, "Device IDs and User IDs"), in the case users write them.</summary>
    [Theory]
    [InlineData("anonymous")]
    [InlineData("Nil")]
    [InlineData("NONE")]
    [InlineData("null")]
    [InlineData("N/A")]
    [InlineData("na")]
    [InlineData("undefined")]
    [InlineData("Unknown")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("{}")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("LMY47D")]
    public async Task An_id_amplitude_documents_as_invalid_is_skipped_never_sent(string id)
    {
        await _h.ProfilesAsync(("p1", id, null, """{"plan":"pro"}"""), ("p2", "user-00002", null, """{"plan":"team"}"""));

        // min_id_length 1, so only the placeholder list can skip the short ones.
        var result = await _h.PushAsync(_h.Destination(d => d with { MinIdLength = 1 }));

        (result.Accepted, result.SkippedInvalidIds).ShouldBe((1L, 1L));
        _h.Server.Requests.SelectMany(r => r.Events!).ShouldNotContain(e => (string?)e!["user_id"] == id);
    }

    [Fact]
    public async Task A_state_table_of_an_older_pipes_is_upgraded_in_place_and_its_values_still_diffed()
    {
        await _h.SqlAsync("""
            CREATE TABLE pipes_push_state (destination VARCHAR NOT NULL, amplitude_id VARCHAR NOT NULL, content_hash VARCHAR NOT NULL,
              properties VARCHAR, last_pushed_at TIMESTAMP NOT NULL, last_outcome VARCHAR NOT NULL);
            INSERT INTO pipes_push_state VALUES ('crm', 'user:user-00001', 'old', '{"plan":"pro","seats":2}', TIMESTAMP '2026-01-01', 'accepted');
            """);
        await _h.ProfilesAsync(("p1", "user-00001", null, """{"plan":"pro"}"""));

        (await _h.PushAsync()).Accepted.ShouldBe(1);

        PushHarness.Props(_h.Server.Requests.Single().Events!.Single()!.AsObject()).ToJsonString().ShouldBe("""{"$unset":{"seats":"-"}}""");
        (await _h.QueryAsync("SELECT generation, uncertain FROM pipes_push_state")).Single().ShouldBe([1L, false]);
    }
}
