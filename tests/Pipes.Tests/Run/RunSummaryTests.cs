using System.Text.Json;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Run;

/// <summary>The summary after build equals what the tables it summarises hold.</summary>
public sealed class RunSummaryTests
{
    [Fact]
    public async Task Summary_figures_match_the_tables()
    {
        using var project = TestProject.SampleOnDuckDb();
        var (code, stdout, stderr) = project.Run("build");
        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        stdout.ShouldContain("Summary");

        var summary = JsonDocument.Parse(project.Read("target/run_results.json")).RootElement.GetProperty("summary");
        await using var db = DuckDb.Open(project);
        async Task<long> Count(string sql) => (long)(await db.ScalarAsync(sql))!;
        summary.GetProperty("observations").GetInt64().ShouldBe(await Count(
            "SELECT (SELECT COUNT(*) FROM pipes_id_observations) + (SELECT CAST(SUM(observations) AS BIGINT) FROM pipes_id_invalid WHERE reason = 'null_or_empty')"));
        summary.GetProperty("identifiers").GetInt64().ShouldBe(await Count("SELECT COUNT(*) FROM pipes_id_nodes"));
        summary.GetProperty("edges").GetInt64().ShouldBe(await Count("SELECT COUNT(*) FROM pipes_id_edges"));
        summary.GetProperty("profiles").GetInt64().ShouldBe(await Count("SELECT COUNT(DISTINCT profile_id) FROM pipes_id_graph"));
        summary.GetProperty("refused_edges").GetInt64().ShouldBe(await Count("SELECT COUNT(*) FROM pipes_id_refused_edges"));
        summary.GetProperty("shared_identifiers").GetInt64().ShouldBe(await Count("SELECT COUNT(DISTINCT node_key) FROM pipes_id_shared"));
        summary.GetProperty("invalid").EnumerateArray().Sum(i => i.GetProperty("observations").GetInt64())
            .ShouldBe(await Count("SELECT CAST(SUM(observations) AS BIGINT) FROM pipes_id_invalid"));
        (await Count("SELECT CAST(SUM(observations) AS BIGINT) FROM pipes_id_invalid WHERE reason <> 'null_or_empty'"))
            .ShouldBe(await Count("SELECT COUNT(*) FROM pipes_id_observations WHERE id_value IS NULL"));
        summary.GetProperty("property_rejects").EnumerateArray().Sum(i => i.GetProperty("values").GetInt64())
            .ShouldBe(await Count("SELECT COUNT(*) FROM pipes_property_rejects"));
        var largest = summary.GetProperty("largest_profiles").EnumerateArray().Select(p => p.GetProperty("identifiers").GetInt64()).ToList();
        largest.Count.ShouldBe(5);
        largest[0].ShouldBe(await Count("SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM pipes_id_graph GROUP BY profile_id)"));
        largest.ShouldBeInOrder(SortDirection.Descending);
        summary.GetProperty("rounds").GetInt64().ShouldBeGreaterThan(0);
        summary.GetProperty("pushes").GetProperty("amplitude_prod").GetProperty("events_sent").GetInt64()
            .ShouldBe(await Count("SELECT COUNT(*) FROM pipes_push_amplitude_prod"));
    }
}
