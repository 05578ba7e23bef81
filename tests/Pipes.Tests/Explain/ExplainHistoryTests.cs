using Pipes.Core.Identity;
using Pipes.Core.Tasks;
using Pipes.Tests.Identity;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Explain;

/// <summary><c>pipes explain</c> prints the profile's history: its own events and those of the ids that became it.</summary>
public sealed class ExplainHistoryTests
{
    [Fact]
    public async Task A_merged_profile_shows_its_creation_the_merge_and_the_loser_s_creation_oldest_first()
    {
        using var h = new HistoryProject(
            "u_0001,a@x.com,,2026-01-01T00:00:00Z",
            ",b@x.com,dev-0002,2026-01-02T00:00:00Z",
            "u_0003,c@x.com,,2026-01-03T00:00:00Z");
        h.Build();
        h.Append(",a@x.com,dev-0002,2026-02-01T00:00:00Z").Build();
        var winner = ProfileIds.For("user_id", "u_0001");
        var loser = ProfileIds.For("email", "b@x.com");
        var runs = (await h.QueryAsync("SELECT DISTINCT run_id, run_at FROM pipes_id_history ORDER BY run_at, run_id")).Select(r => (string)r[0]!).ToList();

        var (code, stdout, stderr) = Explain(h.Project, "email:B@x.com");

        code.ShouldBe(0, stderr);
        stdout.ShouldContain($"is in profile {winner} (canonical user_id:u_0001), 4 identifiers");
        var history = stdout.Split('\n').SkipWhile(l => !l.StartsWith("History", StringComparison.Ordinal)).ToList();
        history[0].ShouldBe("History (3 events):", stdout);
        // Within a run, events sort by kind, then ids.
        var created = new[] { (Id: loser, Text: "email:b@x.com"), (Id: winner, Text: "user_id:u_0001") }.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        history[1].ShouldContain($"run {runs[0]}  created {created[0].Id} ({created[0].Text}) with 2 identifiers", Case.Sensitive, stdout);
        history[2].ShouldContain($"run {runs[0]}  created {created[1].Id} ({created[1].Text}) with 2 identifiers", Case.Sensitive, stdout);
        history[3].ShouldContain($"run {runs[^1]}  merged {loser} (email:b@x.com) into {winner} (user_id:u_0001), 2 identifiers moved");
        // An untouched profile has only its creation.
        Explain(h.Project, "user_id:u_0003").Stdout.ShouldContain("History (1 event):");
    }

    [Fact]
    public async Task A_re_keyed_profile_shows_the_old_id_and_a_target_without_history_says_so()
    {
        using var h = new HistoryProject(",e5@x.com,dev-5,2026-03-01T00:00:00Z");
        h.Build();
        h.Append(",,dev-5,2026-02-01T00:00:00Z").Build();

        var stdout = Explain(h.Project, "email:e5@x.com").Stdout;

        stdout.ShouldContain($"re-keyed {ProfileIds.For("email", "e5@x.com")} (email:e5@x.com) to {ProfileIds.For("device_id", "dev-5")} (device_id:dev-5) (its canonical member changed), 2 identifiers");
        stdout.ShouldContain("History (2 events):");

        await h.QueryAsync("DROP TABLE pipes_id_history");
        Explain(h.Project, "email:e5@x.com").Stdout.ShouldContain("History: none recorded (no pipes_id_history table");
    }

    private static (int ExitCode, string Stdout, string Stderr) Explain(TestProject project, string identifier) =>
        project.Invoke((o, output) => ExplainTask.ExecuteAsync(o, identifier, null, output, CancellationToken.None).GetAwaiter().GetResult());
}
