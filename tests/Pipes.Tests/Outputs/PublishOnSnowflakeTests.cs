using System.Text.Json;
using Pipes.Core.Tasks;
using Pipes.Tests.Snowflake;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Outputs;

/// <summary>The sample project's outputs published through the loopback Snowflake SQL API (not a live account).</summary>
public sealed class PublishOnSnowflakeTests
{
    [Fact]
    public async Task Outputs_are_created_with_change_tracking_merged_never_replaced_and_counted()
    {
        await using var server = await SnowflakeSqlApiServer.StartAsync();
        using var project = SnowflakeSample.Project(server);
        SnowflakeSampleAnswers.Summary(server);
        project.Write("pipes_project.yml", project.Read("pipes_project.yml") + "\noutputs:\n  tables:\n    pipes_id_refused_edges: {change_tracking: false}\n");
        project.Compile().ExitCode.ShouldBe(0);
        foreach (var probe in Directory.EnumerateFiles(Path.Combine(project.Root, "target", "compiled", "prod"))
                     .SelectMany(f => File.ReadAllText(f)[..^2].Split(";\n\n")).Where(s => s.StartsWith("-- Finds ", StringComparison.Ordinal)))
            server.Results[probe] = new FakeResult([new FakeColumn("TABLE_TYPE", "text")], []);
        server.Results["SELECT output_name, node_id, inserted, updated, deleted FROM \"ANALYTICS\".\"PIPES\".\"PIPES_OUTPUT_CHANGES\" ORDER BY output_name"] = new FakeResult(
            [new FakeColumn("OUTPUT_NAME", "text"), new FakeColumn("NODE_ID", "text"), new FakeColumn("INSERTED", "fixed", 0), new FakeColumn("UPDATED", "fixed", 0), new FakeColumn("DELETED", "fixed", 0)],
            [["pipes_profiles", "identity.acme_growth.profiles", "3", "1", "2"], ["pipes_property_old", "property.acme_growth.old", "9", "9", "9"]]);

        var (code, stdout, stderr) = project.Run("run");

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        var statements = server.Requests.Where(r => r.IsSubmit && r.QueryValue("retry") is null).Select(r => r.Json!["statement"]!.GetValue<string>()).ToList();
        foreach (var table in new[] { "PIPES_ID_GRAPH", "PIPES_PROFILES", "PIPES_PROPERTY_CRM", "PIPES_PUSH_AMPLITUDE_PROD" })
        {
            var live = $"\"ANALYTICS\".\"PIPES\".\"{table}\"";
            statements.ShouldContain(s => s.Contains($"CREATE TABLE IF NOT EXISTS {live} CHANGE_TRACKING = TRUE AS SELECT * FROM \"ANALYTICS\".\"PIPES\".\"{table}_NEXT\" WHERE 1 = 0"), table);
            statements.ShouldContain(s => s.Contains($"ALTER TABLE {live} SET CHANGE_TRACKING = TRUE"), table);
            statements.ShouldContain(s => s.StartsWith($"MERGE INTO {live} AS l", StringComparison.Ordinal), table);
            statements.ShouldContain(s => s.StartsWith($"DELETE FROM {live} l USING", StringComparison.Ordinal), table);
            statements.ShouldNotContain(s => s.Contains($"CREATE OR REPLACE TABLE {live} "), table);
        }
        // The per-table override: created without change tracking, and not switched on.
        statements.ShouldContain(s => s.Contains("CREATE TABLE IF NOT EXISTS \"ANALYTICS\".\"PIPES\".\"PIPES_ID_REFUSED_EDGES\" AS SELECT"));
        statements.ShouldNotContain(s => s.Contains("ALTER TABLE \"ANALYTICS\".\"PIPES\".\"PIPES_ID_REFUSED_EDGES\""));

        // Counts are read back; a row left by a node this run did not build is not reported.
        stdout.ShouldContain("output       pipes_profiles: 3 inserted, 1 updated, 2 deleted");
        var outputs = JsonDocument.Parse(project.Read("target/run_results.json")).RootElement.GetProperty("summary").GetProperty("outputs");
        outputs.GetProperty("pipes_profiles").GetProperty("deleted").GetInt64().ShouldBe(2);
        outputs.TryGetProperty("pipes_property_old", out _).ShouldBeFalse();
    }

    [Fact]
    public void A_table_name_the_project_does_not_publish_is_an_error()
    {
        using var project = TestProject.SampleOnDuckDb();
        project.Write("pipes_project.yml", project.Read("pipes_project.yml") + "\noutputs:\n  change_tracking: false\n  tables:\n    pipes_profile: {change_tracking: true}\n");

        var (code, _, stderr) = project.Compile();

        code.ShouldBe(ExitCodes.Failure);
        // The line of the appended setting, whatever the sample's pipes_project.yml holds before it.
        var line = project.Read("pipes_project.yml").Split('\n').ToList().FindIndex(l => l.Contains("pipes_profile:", StringComparison.Ordinal)) + 1;
        stderr.ShouldContain($"pipes_project.yml({line},");
        stderr.ShouldContain("PIPES0950: outputs.tables names 'pipes_profile', which this project does not publish");
        stderr.ShouldContain("pipes_profiles");
    }
}
