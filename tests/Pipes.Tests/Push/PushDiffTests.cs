using Pipes.Core.Push;
using Pipes.Core.Compile;

namespace Pipes.Tests.Push;

public class PushDiffTests : IAsyncLifetime
{
    private PushHarness _h = null!;

    public async Task InitializeAsync() => _h = await PushHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task First_push_sends_one_identify_per_profile_and_records_state_and_log()
    {
        await _h.ProfilesAsync(PushHarness.Users(3));

        var result = await _h.PushAsync(options: new PushOptions { Templates = StatementTemplates.BuiltIn, RunId = "run-1" });

        result.Succeeded.ShouldBeTrue();
        (result.Accepted, result.EventsSent, result.Batches).ShouldBe((3L, 3L, 1));
        _h.Server.Events.Count.ShouldBe(3);
        var e = _h.Server.EventFor("user-00002");
        ((string?)e["event_type"]).ShouldBe("$identify");
        ((long)e["time"]!).ShouldBe(PushHarness.Start.ToUnixTimeMilliseconds());
        e.ContainsKey("device_id").ShouldBeFalse();
        PushHarness.Props(e).ToJsonString().ShouldBe("""{"$set":{"plan":"pro","seats":2}}""");
        var hash = (string)(await _h.QueryAsync("SELECT content_hash FROM pipes_push_crm WHERE profile_id = 'p00002'"))[0][0]!;
        ((string?)e["insert_id"]).ShouldBe(PushHarness.InsertId("crm", "user:user-00002", "run-1", 1, hash));
        var state = await _h.StateAsync();
        state.Count.ShouldBe(3);
        state["user:user-00002"].ShouldBe(hash);
    }

    [Fact]
    public async Task State_holds_pushed_hash_and_properties_and_the_log_one_accepted_row_per_identity()
    {
        await _h.ProfilesAsync(PushHarness.Users(3));

        await _h.PushAsync(options: new PushOptions { Templates = StatementTemplates.BuiltIn, RunId = "run-1" });

        var state = await _h.QueryAsync("SELECT amplitude_id, properties, last_outcome, last_pushed_at FROM pipes_push_state ORDER BY amplitude_id");
        state.Count.ShouldBe(3);
        state[0].ShouldBe(["user:user-00001", """{"plan":"pro","seats":1}""", "accepted", PushHarness.Start.UtcDateTime]);
        var log = await _h.QueryAsync("SELECT run_id, destination, outcome, insert_id FROM pipes_push_log ORDER BY amplitude_id");
        log.Select(r => ((string)r[0]!, (string)r[1]!, (string)r[2]!)).Distinct().ShouldBe([("run-1", "crm", "accepted")]);
        log.Select(r => (string)r[3]!).ShouldBe(_h.Server.Events.Keys.Order(), ignoreOrder: true);
    }

    [Fact]
    public async Task A_second_run_sends_nothing_when_nothing_changed()
    {
        await _h.ProfilesAsync(PushHarness.Users(20));
        await _h.PushAsync();
        var requests = _h.Server.Requests.Count;

        var second = await _h.PushAsync();

        second.Succeeded.ShouldBeTrue();
        (second.Pending, second.EventsSent, second.Batches).ShouldBe((0L, 0L, 0));
        _h.Server.Requests.Count.ShouldBe(requests);
    }

    [Fact]
    public async Task A_change_sends_only_changed_values_and_unsets_removed_keys()
    {
        await _h.ProfilesAsync(
            ("p1", "user-00001", null, """{"plan":"pro","seats":3,"region":"emea"}"""),
            ("p2", "user-00002", null, """{"plan":"free"}"""));
        await _h.PushAsync();
        _h.Server.Events.Clear();

        await _h.ProfilesAsync(
            ("p1", "user-00001", null, """{"plan":"pro","seats":4,"owner":"ann"}"""),
            ("p2", "user-00002", null, """{"plan":"free"}"""));
        var result = await _h.PushAsync();

        result.EventsSent.ShouldBe(1);
        var props = PushHarness.Props(_h.Server.EventFor("user-00001"));
        props.ToJsonString().ShouldBe("""{"$set":{"seats":4,"owner":"ann"},"$unset":{"region":"-"}}""");
        props.Select(p => p.Key).ShouldAllBe(k => k.StartsWith('$'));
    }

    [Fact]
    public async Task A_value_turned_null_is_unset()
    {
        await _h.ProfilesAsync(("p1", "user-00001", null, """{"plan":"pro","seats":3}"""));
        await _h.PushAsync();
        _h.Server.Events.Clear();
        await _h.ProfilesAsync(("p1", "user-00001", null, """{"plan":"pro","seats":null}"""));

        await _h.PushAsync();

        PushHarness.Props(_h.Server.EventFor("user-00001")).ToJsonString().ShouldBe("""{"$unset":{"seats":"-"}}""");
    }

    [Fact]
    public async Task Full_resync_sends_every_profile_with_every_value()
    {
        await _h.ProfilesAsync(PushHarness.Users(5));
        await _h.PushAsync();
        _h.Server.Events.Clear();

        var result = await _h.PushAsync(options: new PushOptions { Templates = StatementTemplates.BuiltIn, FullResync = true });

        result.EventsSent.ShouldBe(5);
        PushHarness.Props(_h.Server.EventFor("user-00003")).ToJsonString().ShouldBe("""{"$set":{"plan":"pro","seats":3}}""");
    }

    [Fact]
    public async Task A_hash_change_without_a_property_change_sends_nothing_but_advances_the_state()
    {
        await _h.ProfilesAsync(("p1", "user-00001", null, """{"plan":"pro"}"""));
        await _h.PushAsync();
        await _h.SqlAsync("UPDATE pipes_push_crm SET content_hash = 'other-hash'");

        var result = await _h.PushAsync();

        (result.EventsSent, result.Skipped).ShouldBe((0L, 1L));
        (await _h.StateAsync())["user:user-00001"].ShouldBe("other-hash");
        (await _h.PushAsync()).Pending.ShouldBe(0);
    }
}
