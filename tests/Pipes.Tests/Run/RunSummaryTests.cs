using System.Text.Json;
using Pipes.Tests.Identity;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Run;

/// <summary>The run summary of a project small enough to count by hand: every figure against the count, not against SQL.</summary>
public sealed class RunSummaryTests
{
    [Fact]
    public void Summary_figures_are_the_hand_counted_ones()
    {
        // Row 1 and 2 join through a@x.com (case folds); row 3 is alone. Empty cells: row 2's user_id, row 3's email;
        // 'null' is a built-in placeholder device id.
        using var h = new HistoryProject(
            "u_1,a@x.com,dev-1,2026-01-01T00:00:00Z",
            ",A@X.com,dev-2,2026-01-02T00:00:00Z",
            "u_3,,null,2026-01-03T00:00:00Z");
        h.Build();

        using var results = JsonDocument.Parse(h.Project.Read("target/run_results.json"));
        var summary = results.RootElement.GetProperty("summary");
        summary.GetProperty("observations").GetInt64().ShouldBe(9); // 3 rows x 3 identifier columns
        summary.GetProperty("identifiers").GetInt64().ShouldBe(5); // u_1, a@x.com, dev-1, dev-2, u_3
        summary.GetProperty("profiles").GetInt64().ShouldBe(2);
        summary.GetProperty("refused_edges").GetInt64().ShouldBe(0);
        summary.GetProperty("largest_profiles").EnumerateArray().Select(p => p.GetProperty("identifiers").GetInt64()).ShouldBe([4L, 1L]);
        summary.GetProperty("invalid").EnumerateArray()
            .Select(i => $"{i.GetProperty("id_type").GetString()} {i.GetProperty("reason").GetString()} {i.GetProperty("observations").GetInt64()}")
            .ShouldBe(["user_id null_or_empty 1", "email null_or_empty 1", "device_id placeholder 1"], ignoreOrder: true);
        summary.GetProperty("largest_profiles")[0].GetProperty("canonical").GetString().ShouldBe("user_id:u_1");
    }

    [Fact]
    public void The_summary_renders_through_the_project_s_templates_and_a_figure_it_cannot_read_is_an_error()
    {
        using var h = new HistoryProject("u_1,a@x.com,dev-1,2026-01-01T00:00:00Z");
        var path = Path.Combine(RepoPaths.Root, "templates/summary/identity.sql.scriban");
        var builtIn = File.ReadAllText(path);
        h.Project.Write("templates/summary/identity.sql.scriban", builtIn.Replace("SELECT COUNT(*) AS n FROM {{ t.rounds }}", "SELECT 42 AS n", StringComparison.Ordinal));
        h.Build();
        using (var results = JsonDocument.Parse(h.Project.Read("target/run_results.json")))
            results.RootElement.GetProperty("summary").GetProperty("rounds").GetInt64().ShouldBe(42);

        // A query that names its column otherwise is refused by name, not read as a zero.
        h.Project.Write("templates/summary/identity.sql.scriban", builtIn.Replace("SELECT COUNT(*) AS n FROM {{ t.rounds }}", "SELECT COUNT(*) AS rounds FROM {{ t.rounds }}", StringComparison.Ordinal));
        Should.Throw<InvalidOperationException>(() => h.Project.Run("build")).Message.ShouldContain("returned no column 'n' (it returned rounds)");
    }
}
