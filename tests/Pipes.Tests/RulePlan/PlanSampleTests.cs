using System.Text.Json;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.RulePlan;

/// <summary>
/// <c>pipes plan</c> on the sample project on real DuckDB: an unchanged project, a target never built, and a rule
/// change (email's limit 3 to 2) whose plan must equal the difference between a full build with the old rules and one
/// with the new, identifier for identifier; then --apply, after which a build changes nothing further.
/// </summary>
public sealed class PlanSampleTests
{
    private const string OldLimit = "email:       {priority: 2, limit: 3,";
    private const string NewLimit = "email:       {priority: 2, limit: 2,";

    [Fact]
    public async Task An_unchanged_project_gives_an_empty_plan_that_says_so_and_writes_nothing_live()
    {
        using var project = TestProject.SampleOnDuckDb();
        project.Run("build").ExitCode.ShouldBe(0);
        var before = await PlanRun.ChecksumAsync(project);

        var (code, stdout, stderr) = PlanRun.Plan(project);

        code.ShouldBe(0, stdout + stderr);
        stdout.ShouldContain("no change. The working tree builds exactly what local (main) holds");
        // The sample's destination is a dry run, so its events stay pending: the same with or without the plan.
        stdout.ShouldContain("amplitude_prod: the next push sends 391 operations either way (pending before this plan)");
        var report = PlanRun.Report(project);
        report.GetProperty("empty").GetBoolean().ShouldBeTrue();
        report.GetProperty("applied").GetBoolean().ShouldBeFalse();
        (await PlanRun.ChecksumAsync(project)).ShouldBe(before); // shadow schema gone too: no table of it is left

        // --output json: the report alone on stdout, the same document as target/plan.json.
        var json = PlanRun.Plan(project, json: true);
        json.ExitCode.ShouldBe(0, json.Stderr);
        var printed = JsonDocument.Parse(json.Stdout).RootElement;
        printed.GetProperty("plan_id").GetString().ShouldBe(PlanRun.Report(project).GetProperty("plan_id").GetString());
        printed.GetProperty("empty").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public void A_target_never_built_is_an_error_saying_to_build_first()
    {
        using var project = TestProject.SampleOnDuckDb();

        var (code, stdout, stderr) = PlanRun.Plan(project);

        code.ShouldBe(1, stdout + stderr);
        stderr.ShouldContain("PIPES1000: target local was never built: schema main has no pipes_id_graph");
        stderr.ShouldContain("run pipes build --target local first");
        File.Exists(Path.Combine(project.Root, "target/plan.json")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_lower_email_limit_plans_exactly_the_difference_of_two_full_builds_and_apply_then_build_changes_nothing()
    {
        using var fresh = TestProject.SampleOnDuckDb();
        fresh.Write("models/identity.yml", fresh.Read("models/identity.yml").Replace(OldLimit, NewLimit));
        fresh.Run("build").ExitCode.ShouldBe(0);
        var newGraph = await PlanRun.GraphAsync(fresh);

        using var project = TestProject.SampleOnDuckDb();
        project.Run("build").ExitCode.ShouldBe(0);
        var oldGraph = await PlanRun.GraphAsync(project);
        var before = await PlanRun.ChecksumAsync(project);
        project.Write("models/identity.yml", project.Read("models/identity.yml").Replace(OldLimit, NewLimit));

        var (code, stdout, stderr) = PlanRun.Plan(project);

        code.ShouldBe(0, stdout + stderr);
        (await PlanRun.ChecksumAsync(project)).ShouldBe(before);
        PlanRun.Moves(project).ShouldBe(PlanRun.Difference(oldGraph, newGraph));
        var expected = HistoryDefinition.Events(oldGraph, newGraph);
        PlanRun.Events(project).ShouldBe(expected);
        // What docs/identity.md says this change records: 11 merged and 178 split rows (89 profiles split in two).
        expected.Count(e => e.StartsWith("merged", StringComparison.Ordinal)).ShouldBe(11);
        expected.Count(e => e.StartsWith("split", StringComparison.Ordinal)).ShouldBe(178);
        stdout.ShouldContain("89 would split");
        stdout.ShouldContain("by limit of email");
        stdout.ShouldContain("identity rules changed since the last run: full rebuild");
        var report = PlanRun.Report(project);
        var profilesTable = report.GetProperty("destinations").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "profiles");
        var planned = (profilesTable.GetProperty("inserted").GetInt64(), profilesTable.GetProperty("updated").GetInt64(), profilesTable.GetProperty("deleted").GetInt64());
        planned.Item2.ShouldBeGreaterThan(0);
        var outputs = report.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!, o => o);
        outputs["pipes_id_graph"].GetProperty("updated").GetInt64().ShouldBe(PlanRun.Difference(oldGraph, newGraph).Count);

        var applied = PlanRun.Plan(project, apply: true);
        applied.ExitCode.ShouldBe(0, applied.Stdout + applied.Stderr);
        var planId = PlanRun.Report(project).GetProperty("plan_id").GetString()!;
        PlanRun.Difference(await PlanRun.GraphAsync(project), newGraph).ShouldBeEmpty();
        await using (var db = DuckDb.Open(project))
        {
            var recorded = (await db.QueryAsync($"SELECT event, old_profile_id, new_profile_id, identifiers FROM pipes_id_history WHERE run_id = '{planId}'"))
                .Select(r => $"{r[0]} {r[1] ?? "-"} {r[2] ?? "-"} {r[3]}").Order(StringComparer.Ordinal).ToList();
            recorded.ShouldBe(expected);
        }

        var build = project.Run("build");
        build.ExitCode.ShouldBe(0, build.Stdout + build.Stderr);
        var summary = JsonDocument.Parse(project.Read("target/run_results.json")).RootElement.GetProperty("summary").GetProperty("outputs");
        foreach (var output in summary.EnumerateObject())
        {
            var counts = (output.Value.GetProperty("inserted").GetInt64(), output.Value.GetProperty("updated").GetInt64(), output.Value.GetProperty("deleted").GetInt64());
            // The Profiles table is what the next push publishes: exactly the plan's operations; every other output is unchanged.
            counts.ShouldBe(output.Name == "pipes_amplitude_profiles" ? planned : (0, 0, 0), output.Name);
        }
        await using (var db = DuckDb.Open(project))
            (await db.ScalarAsync($"SELECT COUNT(*) FROM pipes_id_history WHERE run_id <> '{planId}' AND run_at > (SELECT MAX(run_at) FROM pipes_id_history WHERE run_id = '{planId}')")).ShouldBe(0L);
    }

    [Fact]
    public async Task A_property_removed_shows_its_rejects_disappearing_and_its_table_replaced_and_apply_then_build_changes_nothing()
    {
        using var project = TestProject.SampleOnDuckDb();
        project.Run("build").ExitCode.ShouldBe(0);
        var before = await PlanRun.ChecksumAsync(project);
        project.Write("models/properties.yml", string.Join("\n", project.Read("models/properties.yml").Split('\n').Where(l => !l.TrimStart().StartsWith("seats:", StringComparison.Ordinal))));

        var (code, stdout, stderr) = PlanRun.Plan(project);

        code.ShouldBe(0, stdout + stderr);
        (await PlanRun.ChecksumAsync(project)).ShouldBe(before);
        // The sample's 34 seats values that are not integers (README) stop being rejects; nothing else is refused anew.
        stdout.ShouldContain("Rejects: billing.seats: 0 would appear, 34 disappear");
        stdout.ShouldNotContain("Rejects: billing.mrr");
        stdout.ShouldContain("pipes_property_billing               404 inserted       0 updated     404 deleted  (other columns: the table is replaced");
        stdout.ShouldContain("profiles: pipes_amplitude_profiles would change columns in place (added: none; dropped: Seats; retyped: none)");
        var rejects = PlanRun.Report(project).GetProperty("rejects").EnumerateArray().Single();
        rejects.GetProperty("examples")[0].GetProperty("reason").GetString().ShouldNotBeNullOrEmpty();

        PlanRun.Plan(project, apply: true).Stdout.ShouldContain("pipes_property_billing: replaced the table with other columns of the same name");
        var build = project.Run("build");
        build.ExitCode.ShouldBe(0, build.Stdout + build.Stderr);
        foreach (var line in build.Stdout.Split('\n').Where(l => l.TrimStart().StartsWith("output ", StringComparison.Ordinal)))
            line.ShouldEndWith(": 0 inserted, 0 updated, 0 deleted");
        PlanRun.Plan(project).Stdout.ShouldContain("no change.");
    }

    [Fact]
    public async Task A_property_whose_type_changed_shows_its_table_replaced_and_apply_then_build_changes_nothing()
    {
        using var project = TestProject.SampleOnDuckDb();
        project.Run("build").ExitCode.ShouldBe(0);
        var before = await PlanRun.ChecksumAsync(project);
        project.Write("models/properties.yml", project.Read("models/properties.yml").Replace("ltv_estimate:  {type: number,", "ltv_estimate:  {type: string,"));

        var (code, stdout, stderr) = PlanRun.Plan(project);

        code.ShouldBe(0, stdout + stderr);
        (await PlanRun.ChecksumAsync(project)).ShouldBe(before);
        stdout.ShouldContain("pipes_property_crm                   565 inserted       0 updated     565 deleted  (other columns: the table is replaced");
        stdout.ShouldContain("profiles: pipes_amplitude_profiles would change columns in place (added: none; dropped: none; retyped: LTV Estimate)");

        PlanRun.Plan(project, apply: true).Stdout.ShouldContain("pipes_property_crm: replaced the table with other columns of the same name");
        await using (var db = DuckDb.Open(project))
            (await db.ScalarAsync("SELECT data_type FROM information_schema.columns WHERE table_name = 'pipes_property_crm' AND column_name = 'ltv_estimate'")).ShouldBe("VARCHAR");
        var build = project.Run("build");
        build.ExitCode.ShouldBe(0, build.Stdout + build.Stderr);
        build.Stdout.ShouldNotContain("replaced the table");
        foreach (var line in build.Stdout.Split('\n').Where(l => l.TrimStart().StartsWith("output ", StringComparison.Ordinal) && !l.Contains("pipes_amplitude_profiles")))
            line.ShouldEndWith(": 0 inserted, 0 updated, 0 deleted");
    }
}
