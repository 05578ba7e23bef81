using System.Text.Json.Nodes;
using Pipes.Core.Push;
using Pipes.Core.Compile;

namespace Pipes.Tests.Push;

public class PushDryRunTests : IAsyncLifetime
{
    private PushHarness _h = null!;

    public async Task InitializeAsync() => _h = await PushHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_dry_run_writes_the_exact_request_bodies_one_per_line_without_network_or_key()
    {
        await _h.ProfilesAsync(PushHarness.Users(5));

        var result = await _h.PushAsync(_h.Destination(d => d with { DryRun = true, MaxEventsPerBatch = 3 }), new PushOptions { Templates = StatementTemplates.BuiltIn, RunId = "dry-1" });

        result.PayloadFile.ShouldBe(Path.Combine(_h.TargetDirectory, "push", "crm.jsonl"));
        (result.DryRun, result.EventsSent, result.Batches, result.Accepted).ShouldBe((true, 5L, 2, 0L));
        _h.Server.Requests.ShouldBeEmpty();
        var text = await File.ReadAllTextAsync(result.PayloadFile!);
        text.ShouldNotContain(PushHarness.Key);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2);
        var hash = (string)(await _h.QueryAsync("SELECT content_hash FROM pipes_push_crm WHERE profile_id = 'p00001'"))[0][0]!;
        var time = PushHarness.Start.ToUnixTimeMilliseconds();
        lines[0].ShouldStartWith(
            """{"api_key":"***","events":[{"event_type":"$identify","user_id":"user-00001","insert_id":""" + "\"" + PushHarness.InsertId("crm", "user:user-00001", "dry-1", 1, hash) +
            "\",\"time\":" + time + ""","user_properties":{"$set":{"plan":"pro","seats":1}}},""");
        lines[0].ShouldEndWith("""],"options":{"min_id_length":5}}""");
        var second = JsonNode.Parse(lines[1])!;
        second["events"]!.AsArray().Select(e => (string?)e!["user_id"]).ShouldBe(["user-00004", "user-00005"]);
    }

    [Fact]
    public async Task A_dry_run_leaves_state_and_log_untouched_so_the_real_run_still_sends_everything()
    {
        await _h.ProfilesAsync(PushHarness.Users(4));
        await _h.PushAsync(_h.Destination(d => d with { DryRun = true }));

        (await _h.QueryAsync("SELECT count(*) FROM pipes_push_log"))[0][0].ShouldBe(0L);
        (await _h.StateAsync()).ShouldBeEmpty();
        (await _h.PushAsync()).Accepted.ShouldBe(4);
    }

    [Fact]
    public async Task A_dry_run_counts_what_is_refused_or_skipped_before_sending_as_the_real_run_does()
    {
        await _h.SqlAsync("DROP TABLE pipes_push_crm");
        await _h.SqlAsync("CREATE TABLE pipes_push_crm (profile_id VARCHAR, user_id VARCHAR, device_id VARCHAR, properties VARCHAR, content_hash VARCHAR)");
        await _h.ProfilesAsync(
            ("p1", "user-00001", null, """{"plan":"pro"}"""),
            ("p2", "user-00002", null, """[1,2]"""),                                       // refused: not a JSON object
            ("p3", "user-00003", null, $$"""{"bio":"{{new string('x', 3000)}}"}"""),      // refused: over the byte limit
            ("p4", "lmy47d", null, """{"plan":"team"}"""),                                // skipped: an id Amplitude refuses
            ("p5", "user-00001", null, """{"plan":"free"}"""),                            // skipped: p1 has this id
            ("p6", "user-00006", null, """{"plan":"team"}"""));
        var destination = _h.Destination(d => d with { MaxBytesPerBatch = 2048 });

        var dry = await _h.PushAsync(destination with { DryRun = true });
        (await _h.QueryAsync("SELECT count(*) FROM pipes_push_log"))[0][0].ShouldBe(0L);
        var real = await _h.PushAsync(destination);

        (dry.Pending, dry.EventsSent, dry.Refused, dry.Skipped, dry.SkippedInvalidIds).ShouldBe((6L, 2L, 2L, 2L, 1L));
        (real.Pending, real.EventsSent, real.Refused, real.Skipped, real.SkippedInvalidIds).ShouldBe((dry.Pending, dry.EventsSent, dry.Refused, dry.Skipped, dry.SkippedInvalidIds));
        (dry.Accepted, real.Accepted).ShouldBe((0L, 2L));
        dry.Summary().ShouldContain("6 pending, 2 events in 1 batches; accepted 0, refused 2, gave up 0, skipped 2 (1 invalid ids)");
    }
}
