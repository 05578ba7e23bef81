using System.Globalization;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.RulePlan;

/// <summary>
/// Plans on generated graphs (random rows over small pools of ids, so profiles join and limits bite): a project built
/// with the old rules, the rules changed (an exclusion, a max_links, a lower limit), planned; the plan must equal the
/// difference between that build and a full build with the new rules, identifier for identifier and event for event,
/// and name the rule behind the changes.
/// </summary>
public sealed class PlanGeneratedTests
{
    private const string OldTypes = """
            user_id: {priority: 1, limit: 1}
            email: {priority: 2, limit: 3, normalize: [lowercase]}
            device_id: {priority: 3, limit: 10}
        """;

    private const string NewTypes = """
            user_id: {priority: 1, limit: 1}
            email: {priority: 2, limit: 2, normalize: [lowercase]}
            device_id: {priority: 3, limit: 10, max_links: {user_id: 2}}
        """;

    [Theory]
    [InlineData(1, 300, 120)]
    [InlineData(2, 300, 120)]
    [InlineData(3, 300, 120)]
    // 100 times the rows of the small cases over a pool 25 times larger: thousands of profiles, every kind of event.
    [InlineData(4, 30000, 3000)]
    public async Task The_plan_of_a_rule_change_equals_the_difference_of_two_full_builds(int seed, int rows, int pool)
    {
        var data = Rows(new Random(seed), rows, pool);
        var excluded = data.Select(r => r.Split(',')[1]).Where(e => e.Length > 0).GroupBy(e => e).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;

        using var fresh = Project(data, NewTypes, excluded);
        Build(fresh);
        var newGraph = await PlanRun.GraphAsync(fresh);

        using var project = Project(data, OldTypes, null);
        Build(project);
        var oldGraph = await PlanRun.GraphAsync(project);
        var before = await PlanRun.ChecksumAsync(project);
        Write(project, data, NewTypes, excluded);

        var (code, stdout, stderr) = PlanRun.Plan(project);

        code.ShouldBe(0, stdout + stderr);
        (await PlanRun.ChecksumAsync(project)).ShouldBe(before);
        var moves = PlanRun.Difference(oldGraph, newGraph);
        moves.ShouldNotBeEmpty();
        PlanRun.Moves(project).ShouldBe(moves);
        var expected = HistoryDefinition.Events(oldGraph, newGraph);
        PlanRun.Events(project).ShouldBe(expected);
        // The excluded email leaves the graph, and the plan says which drop reason grew.
        moves.ShouldContain($"email:{excluded} {oldGraph["email:" + excluded]} -");
        stdout.ShouldContain("Dropped observations: email excluded 0 -> ");
        if (stdout.Contains("Shared ids (over max_links): 0 rows would appear", StringComparison.Ordinal)) return;
        stdout.ShouldContain("by max_links of device_id");
    }

    [Fact]
    public async Task A_plan_applied_then_built_changes_nothing_further_and_a_second_plan_is_empty()
    {
        var data = Rows(new Random(7), 600, 200);
        using var project = Project(data, OldTypes, null);
        Build(project);
        Write(project, data, NewTypes, "e0001@x.com");

        PlanRun.Plan(project, apply: true).ExitCode.ShouldBe(0);
        var applied = await PlanRun.ChecksumAsync(project);
        var again = PlanRun.Plan(project);

        again.ExitCode.ShouldBe(0, again.Stdout + again.Stderr);
        again.Stdout.ShouldContain("no change.");
        (await PlanRun.ChecksumAsync(project)).ShouldBe(applied);
        var build = project.Run("build");
        build.ExitCode.ShouldBe(0, build.Stdout + build.Stderr);
        build.Stdout.ShouldNotContain("history:");
        foreach (var line in build.Stdout.Split('\n').Where(l => l.TrimStart().StartsWith("output ", StringComparison.Ordinal)))
            line.ShouldEndWith(": 0 inserted, 0 updated, 0 deleted");
    }

    private static TestProject Project(string[] rows, string types, string? excluded)
    {
        var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: g\nprofile: p\n",
            ["profiles.yml"] = "p:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n",
        });
        Write(project, rows, types, excluded);
        return project;
    }

    private static void Write(TestProject project, string[] rows, string types, string? excluded)
    {
        project.Write("seeds/rows.csv", "user_id,email,device_id,seen\n" + string.Join("\n", rows) + "\n");
        project.Write("models/identity.yml", "identity:\n  id_types:\n" + types.TrimEnd() + "\n" + (excluded is null ? "" : $"  exclude: ['{excluded}']\n") + """
            seeds:
              - name: rows
                observed_at: seen
                identifiers:
                  - {column: user_id, type: user_id}
                  - {column: email, type: email}
                  - {column: device_id, type: device_id}
            """);
    }

    private static void Build(TestProject project)
    {
        var (code, stdout, stderr) = project.Run("build");
        code.ShouldBe(0, stdout + stderr);
    }

    /// <summary>Rows over small pools of ids (HistoryDefinitionTests' shape), so profiles join, limits bite and devices link several users.</summary>
    private static string[] Rows(Random random, int count, int pool) => Enumerable.Range(0, count).Select(_ =>
    {
        string Pick(string prefix, string suffix, int size, double share) => random.NextDouble() < share ? $"{prefix}{random.Next(size):D4}{suffix}" : "";
        var day = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(random.Next(60));
        return $"{Pick("u_", "", pool * 3 / 5, 0.4)},{Pick("e", "@x.com", pool, 0.6)},{Pick("dev-", "", pool * 3 / 4, 0.5)},{day.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}";
    }).ToArray();
}
