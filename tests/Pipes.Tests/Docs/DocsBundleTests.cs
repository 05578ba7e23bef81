using System.Text.Json.Nodes;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Docs;

/// <summary>What <c>pipes docs generate</c> writes, without a browser: caps that are said, a project not built yet, hostile text.</summary>
public sealed class DocsBundleTests
{
    [Fact]
    public async Task A_capped_profile_explorer_keeps_the_largest_profiles_and_says_how_many_it_left_out()
    {
        using var project = TestProject.CopyOfSample();
        project.Run("build").ExitCode.ShouldBe(ExitCodes.Success);

        var (code, stdout, stderr) = SampleSite.Generate(project, maxProfiles: 10);

        code.ShouldBe(ExitCodes.Success, stderr);
        var bundle = SampleSite.Bundle(Path.Combine(project.Root, "target", "docs"));
        long total;
        IReadOnlyList<string> largest;
        await using (var db = DuckDb.Open(project, "target/pipes.duckdb"))
        {
            total = (long)(await db.ScalarAsync("SELECT COUNT(*) FROM pipes_profiles"))!;
            largest = (await db.QueryAsync("SELECT profile_id FROM pipes_profiles ORDER BY identifiers DESC, profile_id LIMIT 10")).Select(r => (string)r[0]!).ToList();
        }
        var profiles = bundle["profiles"]!;
        profiles["included"]!.GetValue<int>().ShouldBe(10);
        profiles["total"]!.GetValue<long>().ShouldBe(total);
        profiles["profiles"]!.AsArray().Select(p => (string)p!["profile_id"]!).ShouldBe(largest);
        var note = $"the 10 largest of {total:N0} profiles are in the site, {total - 10:N0} are left out";
        bundle["notes"]!.AsArray().Select(n => (string)n!).ShouldContain(n => n.Contains(note));
        stdout.ShouldContain(note);
        SampleSite.Generate(project, maxProfiles: 0).ExitCode.ShouldBe(ExitCodes.Failure);
    }

    [Fact]
    public void A_project_never_built_gets_the_project_pages_and_a_note_instead_of_figures()
    {
        using var project = TestProject.CopyOfSample();

        var (code, stdout, stderr) = SampleSite.Generate(project);

        code.ShouldBe(ExitCodes.Success, stderr);
        var bundle = SampleSite.Bundle(Path.Combine(project.Root, "target", "docs"));
        bundle["notes"]!.AsArray().Select(n => (string)n!).ShouldBe([
            "no target/run_results.json: nodes show no last run (run pipes build)",
            "no target/pipes.duckdb: the site shows the project only (run pipes build first)"]);
        bundle["identity"].ShouldBeNull();
        bundle["project"]!["nodes"]!.AsArray().Count.ShouldBe(31);
        File.Exists(Path.Combine(project.Root, "target", "pipes.duckdb")).ShouldBeFalse("generating docs must not create the database");
        stdout.ShouldContain("note: no target/pipes.duckdb");
    }

    [Fact]
    public void A_project_a_hundred_times_the_sample_gets_a_bundle_bounded_by_the_cap()
    {
        // 100,000 people, two by two on a shared device (user_id limit 1 refuses the second link): ~100,000 profiles,
        // 113 times the sample's 887.
        var csv = new System.Text.StringBuilder("user_id,email,device_id\n");
        for (var i = 0; i < 100_000; i++) csv.Append($"u_{i:D6},p{i}@x.com,dev-{i / 2:D6}\n");
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: big\nprofile: p\n",
            ["profiles.yml"] = "p:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/pipes.duckdb}\n",
            ["seeds/people.csv"] = csv.ToString(),
            ["models/identity.yml"] = """
                identity:
                  id_types:
                    user_id: {priority: 1, limit: 1}
                    email: {priority: 2, limit: 3}
                    device_id: {priority: 3}
                seeds:
                  - name: people
                    identifiers:
                      - {column: user_id, type: user_id}
                      - {column: email, type: email}
                      - {column: device_id, type: device_id}
                """,
        });
        var build = project.Run("build");
        build.ExitCode.ShouldBe(ExitCodes.Success, build.Stdout + build.Stderr);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, stdout, stderr) = SampleSite.Generate(project);
        clock.Stop();

        code.ShouldBe(ExitCodes.Success, stderr);
        var site = Path.Combine(project.Root, "target", "docs");
        var bundle = SampleSite.Bundle(site);
        var total = bundle["identity"]!["profiles"]!.GetValue<long>();
        total.ShouldBeGreaterThan(99_000);
        bundle["profiles"]!["included"]!.GetValue<int>().ShouldBe(2_000);
        bundle["identity"]!["profile_sizes"]!.AsArray().Sum(r => r!["profiles"]!.GetValue<long>()).ShouldBe(total);
        stdout.ShouldContain($"the 2,000 largest of {total:N0} profiles are in the site");
        new FileInfo(Path.Combine(site, "data.js")).Length.ShouldBeLessThan(8_000_000);
        Console.WriteLine($"docs generate, {total:N0} profiles: {clock.Elapsed.TotalSeconds:F1} s, data.js {new FileInfo(Path.Combine(site, "data.js")).Length:N0} bytes");
    }

    [Fact]
    public void Text_from_the_project_cannot_end_the_data_script()
    {
        using var project = TestProject.CopyOfSample();
        var yml = project.Read("models/models.yml");
        project.Write("models/models.yml", yml.Replace("Events of the last lookback_days days, merged on event_id.", "\"</script><script>alert(1)</script>\""));

        SampleSite.Generate(project).ExitCode.ShouldBe(ExitCodes.Success);

        var data = File.ReadAllText(Path.Combine(project.Root, "target", "docs", "data.js"));
        data.ShouldNotContain("</script>");
        var node = SampleSite.Bundle(Path.Combine(project.Root, "target", "docs"))["project"]!["nodes"]!.AsArray().Single(n => (string)n!["name"]! == "recent_events")!;
        ((string)node["description"]!).ShouldBe("</script><script>alert(1)</script>");
    }
}
