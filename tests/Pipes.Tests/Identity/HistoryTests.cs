using Pipes.Core.Identity;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Identity;

/// <summary>
/// Section 7 history on real DuckDB (docs/identity.md, History): a project is built, rows are appended or the rules
/// change, it is built again, and <c>pipes_id_history</c> must hold exactly the events the definition gives.
/// </summary>
public sealed class HistoryTests
{
    /// <summary>Readable names for profile ids: the id of the profile whose canonical member is <c>type:value</c>.</summary>
    private static Dictionary<string, string> Names(params string[] canonicals) =>
        canonicals.ToDictionary(c => ProfileIds.For(c[..c.IndexOf(':')], c[(c.IndexOf(':') + 1)..]), c => c);

    [Fact]
    public async Task The_first_run_records_every_profile_created_and_a_rerun_records_nothing()
    {
        using var h = new HistoryProject(
            "u_0001,a@x.com,,2026-01-01T00:00:00Z",
            ",b@x.com,dev-0002,2026-01-02T00:00:00Z");

        var first = h.Build();

        first.ShouldContain("history: 2 created");
        first.ShouldNotContain("identity rules changed");
        (await h.LastEventsAsync(Names("user_id:u_0001", "email:b@x.com"))).ShouldBe(["created - email:b@x.com 2", "created - user_id:u_0001 2"]);

        var second = h.Build();

        second.ShouldNotContain("history:");
        second.ShouldNotContain("identity rules changed");
        (await h.LastEventsAsync()).ShouldBeEmpty();
        (await h.AllEventsAsync()).Count.ShouldBe(2);
        var runs = await h.QueryAsync("SELECT COUNT(DISTINCT run_id), COUNT(DISTINCT run_at) FROM pipes_id_history");
        runs[0][0].ShouldBe(1L);
    }

    [Fact]
    public async Task Appended_rows_that_join_two_profiles_record_one_merge_into_the_older_canonical()
    {
        using var h = new HistoryProject(
            "u_0001,a@x.com,,2026-01-01T00:00:00Z",
            ",b@x.com,dev-0002,2026-01-02T00:00:00Z",
            "u_0003,c@x.com,,2026-01-03T00:00:00Z");
        h.Build();
        var before = await h.GraphAsync();

        var stdout = h.Append(",a@x.com,dev-0002,2026-02-01T00:00:00Z").Build();

        var names = Names("user_id:u_0001", "email:b@x.com");
        (await h.LastEventsAsync(names)).ShouldBe(["merged email:b@x.com user_id:u_0001 2"]);
        stdout.ShouldContain("history: 1 merged");
        var after = await h.GraphAsync();
        after["email:b@x.com"].ShouldBe(ProfileIds.For("user_id", "u_0001"));
        // Profiles the new rows did not touch keep their ids.
        after["user_id:u_0003"].ShouldBe(before["user_id:u_0003"]);
        after["user_id:u_0001"].ShouldBe(before["user_id:u_0001"]);
        var row = await h.QueryAsync("SELECT old_canonical, new_canonical, run_at IS NOT NULL, run_id IS NOT NULL FROM pipes_id_history_run");
        row[0].ShouldBe(new object?[] { "email:b@x.com", "user_id:u_0001", true, true });
    }

    [Fact]
    public async Task A_stronger_new_edge_that_makes_a_limit_bite_records_a_split()
    {
        // u_A - dev-1 - e1 is one profile; u_B - e1 (a stronger user-email edge) is taken first, so the old
        // e1 - dev-1 edge now breaks user_id's limit of 1: the profile splits into {u_A, dev-1} and {e1, u_B}.
        using var h = new HistoryProject(
            "u_000A,,dev-1,2026-01-01T00:00:00Z",
            ",e1@x.com,dev-1,2026-01-02T00:00:00Z");
        h.Build();

        var stdout = h.Append("u_000B,e1@x.com,,2026-01-03T00:00:00Z").Build();

        var names = Names("user_id:u_000A", "email:e1@x.com");
        (await h.LastEventsAsync(names)).ShouldBe(["split user_id:u_000A email:e1@x.com 1", "split user_id:u_000A user_id:u_000A 2"]);
        stdout.ShouldContain("history: 2 split");
        (await h.QueryAsync("SELECT COUNT(*) FROM pipes_id_refused_edges"))[0][0].ShouldBe(1L);
    }

    [Fact]
    public async Task Late_data_that_makes_another_member_oldest_records_a_rekey()
    {
        // e5 and dev-5 arrive together; e5 is canonical (email before device at the same time). A late row shows
        // dev-5 a month earlier, so dev-5 becomes the oldest member and the profile's id changes.
        using var h = new HistoryProject(",e5@x.com,dev-5,2026-03-01T00:00:00Z", "u_0009,,,2026-01-01T00:00:00Z");
        h.Build();

        var stdout = h.Append(",,dev-5,2026-02-01T00:00:00Z").Build();

        (await h.LastEventsAsync(Names("email:e5@x.com", "device_id:dev-5"))).ShouldBe(["rekeyed email:e5@x.com device_id:dev-5 2"]);
        stdout.ShouldContain("history: 1 rekeyed");
    }

    [Fact]
    public async Task A_new_older_identifier_joining_one_profile_is_a_rekey_and_joining_two_is_a_merge()
    {
        using var h = new HistoryProject(
            ",e6@x.com,,2026-03-01T00:00:00Z",
            ",e7@x.com,,2026-03-02T00:00:00Z",
            ",e8@x.com,,2026-03-03T00:00:00Z");
        h.Build();

        // u_0006 is new and older than everything: it re-keys e6's profile alone, and merges e7's and e8's into a new id.
        h.Append("u_0006,e6@x.com,,2026-01-01T00:00:00Z", "u_0007,e7@x.com,,2026-01-01T00:00:00Z", ",e8@x.com,dev-8,2026-03-04T00:00:00Z", ",,dev-8,2026-03-04T00:00:00Z")
            .Append(",e7@x.com,dev-8,2026-03-05T00:00:00Z").Build();

        var names = Names("email:e6@x.com", "email:e7@x.com", "email:e8@x.com", "user_id:u_0006", "user_id:u_0007");
        (await h.LastEventsAsync(names)).ShouldBe([
            "merged email:e7@x.com user_id:u_0007 1",
            "merged email:e8@x.com user_id:u_0007 1",
            "rekeyed email:e6@x.com user_id:u_0006 1",
        ]);
    }

    [Fact]
    public async Task An_added_exclusion_is_a_rule_change_announced_with_a_split_and_a_removal_and_other_ids_stay()
    {
        // shared@x.com joins u_0020 and dev-21; lone@x.com is a profile of its own; u_0030 is untouched.
        using var h = new HistoryProject(
            "u_0020,shared@x.com,,2026-01-01T00:00:00Z",
            ",shared@x.com,dev-21,2026-01-02T00:00:00Z",
            ",lone@x.com,,2026-01-03T00:00:00Z",
            "u_0030,c@x.com,dev-30,2026-01-04T00:00:00Z");
        h.Build();
        var before = await h.GraphAsync();

        var stdout = h.Exclude("shared@x.com", "lone@x.com").Build();

        stdout.ShouldContain("identity rules changed since the last run: full rebuild");
        var names = Names("user_id:u_0020", "device_id:dev-21", "email:lone@x.com");
        (await h.LastEventsAsync(names)).ShouldBe([
            "removed email:lone@x.com - 1",
            "split user_id:u_0020 device_id:dev-21 1",
            "split user_id:u_0020 user_id:u_0020 1",
        ]);
        var after = await h.GraphAsync();
        foreach (var id in new[] { "user_id:u_0030", "email:c@x.com", "device_id:dev-30", "user_id:u_0020" }) after[id].ShouldBe(before[id], id);
        var state = await h.QueryAsync("SELECT rules_changed, previous_checksum IS NOT NULL, rules_checksum <> previous_checksum FROM pipes_id_state");
        state.ShouldHaveSingleItem().ShouldBe(new object?[] { true, true, true });

        // The next run with the same rules is not a change.
        var again = h.Build();
        again.ShouldNotContain("identity rules changed");
        (await h.QueryAsync("SELECT rules_changed FROM pipes_id_state"))[0][0].ShouldBe(false);
    }

    [Fact]
    public async Task A_changed_limit_is_detected_and_moving_the_yaml_or_reordering_exclusions_is_not()
    {
        using var h = new HistoryProject("u_0001,a@x.com,,2026-01-01T00:00:00Z");
        h.Exclude("x@x.com", "y@x.com").Build();

        h.Exclude("y@x.com", "x@x.com").Build().ShouldNotContain("identity rules changed");
        h.Types(HistoryProject.DefaultTypes.Replace("limit: 3", "limit: 2", StringComparison.Ordinal)).Build()
            .ShouldContain("identity rules changed since the last run: full rebuild");
    }

    [Fact]
    public async Task On_the_sample_repeated_rows_record_nothing_and_a_billing_row_joining_two_emails_records_one_merge()
    {
        using var project = TestProject.SampleOnDuckDb();
        project.Run("build").ExitCode.ShouldBe(ExitCodes.Success);
        IReadOnlyList<object?[]> lone;
        await using (var db = DuckDb.Open(project))
            lone = await db.QueryAsync("SELECT profile_id, canonical_value FROM pipes_profiles WHERE identifiers = 1 AND canonical_type = 'email' ORDER BY first_seen, canonical_value LIMIT 2");
        var (older, newer) = ((string)lone[0][0]!, (string)lone[1][0]!);

        // Every billing row a second time: more observations, the same graph.
        var billing = project.Read("seeds/billing_customers.csv").TrimEnd('\n');
        var rows = billing.Split('\n').Skip(1).ToList();
        project.Write("seeds/billing_customers.csv", billing + "\n" + string.Join("\n", rows) + "\n");
        // seed then run: the data tests of the sample (unique ids) would fail on repeated rows, rightly.
        var (code, stdout, stderr) = SeedAndRun(project);
        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        stdout.ShouldNotContain("history:");
        stdout.ShouldNotContain("identity rules changed");

        // One new customer billed at both lone emails joins their profiles: the newer one merges into the older.
        project.Write("seeds/billing_customers.csv", project.Read("seeds/billing_customers.csv")
            + $"cus_merge0001,{lone[0][1]},pro,10.00,1,active,2026-12-01T00:00:00Z\ncus_merge0001,{lone[1][1]},pro,10.00,1,active,2026-12-01T00:00:00Z\n");
        (code, stdout, stderr) = SeedAndRun(project);
        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        stdout.ShouldContain("history: 1 merged");
        await using var after = DuckDb.Open(project);
        var events = await after.QueryAsync("SELECT event, old_profile_id, new_profile_id, identifiers FROM pipes_id_history_run");
        events.ShouldHaveSingleItem().ShouldBe(new object?[] { "merged", newer, older, 1L });
        (await after.ScalarAsync("SELECT COUNT(DISTINCT run_id) FROM pipes_id_history")).ShouldBe(2L);
    }

    private static (int ExitCode, string Stdout, string Stderr) SeedAndRun(TestProject project)
    {
        var seed = project.Run("seed");
        return seed.ExitCode != 0 ? seed : project.Run("run");
    }
}
