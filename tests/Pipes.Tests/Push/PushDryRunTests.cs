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
}
