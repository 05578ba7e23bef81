using Pipes.Core.Push;
using Pipes.Core.Compile;

namespace Pipes.Tests.Push;

/// <summary>
/// Outcomes reach the warehouse as seq ranges joined to the snapshot (<c>templates/push/</c>): the SQL must rebuild
/// exactly what the events carried.
/// </summary>
public class PushOutcomeSqlTests : IAsyncLifetime
{
    private PushHarness _h = null!;

    public async Task InitializeAsync() => _h = await PushHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task The_logged_insert_id_is_the_sent_one_even_for_non_ascii_ids()
    {
        await _h.ProfilesAsync(("p1", "usér-ünïcødé-名前", null, """{"a":1}"""), ("p2", null, "device-ß-0001", """{"a":2}"""));

        (await _h.PushAsync()).Accepted.ShouldBe(2);

        var logged = (await _h.QueryAsync("SELECT insert_id FROM pipes_push_log")).Select(r => (string)r[0]!);
        logged.ShouldBe(_h.Server.Events.Keys, ignoreOrder: true);
    }

    [Fact]
    public async Task Small_pages_and_mixed_outcomes_log_every_row_once_and_advance_only_what_changed()
    {
        // Rows 3 and 4 share a user id (the second is skipped); row 6 has a placeholder id; pages of 2 rows.
        await _h.ProfilesAsync(PushHarness.Users(5).Append(("p00004b", "user-00004", null, """{"x":1}""")).Append(("p9", "unknown", null, "{}")).ToArray());

        var result = await _h.PushAsync(options: new PushOptions { Templates = StatementTemplates.BuiltIn, PageSize = 2 });

        (result.Accepted, result.Skipped, result.SkippedInvalidIds).ShouldBe((5L, 2L, 1L));
        var log = await _h.LogAsync();
        log.Count.ShouldBe(7);
        log.Count(l => l.Outcome == "skipped").ShouldBe(2);
        log.ShouldContain(("unknown", "skipped", "no id Amplitude accepts (profile p9)"));
        (await _h.StateAsync()).Keys.Order().ShouldBe(Enumerable.Range(1, 5).Select(i => $"user:user-{i:D5}"));
        OutcomeRange.From([]).ShouldBeEmpty();
    }
}
