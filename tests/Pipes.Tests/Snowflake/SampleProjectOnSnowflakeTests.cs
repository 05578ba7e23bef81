using System.Text.Json.Nodes;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Snowflake;

/// <summary>
/// <c>pipes run --target prod</c> of the sample project against the loopback SQL API, which executes nothing: what is
/// checked is what Pipes sends. The compiled files are what runs (issue 15), and the order and run id are checked
/// against the run's own artifacts.
/// </summary>
public sealed class SampleProjectOnSnowflakeTests
{
    [Fact]
    public async Task Run_sends_the_compiled_statements_in_dependency_order_with_this_runs_id()
    {
        await using var server = await SnowflakeSqlApiServer.StartAsync();
        using var project = SnowflakeSample.Project(server);
        SnowflakeSampleAnswers.Summary(server);
        // The models' kind probes find nothing on a fresh schema, so no DROP runs.
        project.Compile().ExitCode.ShouldBe(0);
        foreach (var probe in Directory.EnumerateFiles(Path.Combine(project.Root, "target", "compiled", "prod"))
                     .SelectMany(f => File.ReadAllText(f)[..^2].Split(";\n\n")).Where(s => s.StartsWith("-- Finds ", StringComparison.Ordinal)))
            server.Results[probe] = new FakeResult([new FakeColumn("TABLE_TYPE", "text")], []);

        var (code, stdout, stderr) = project.Run("run");

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        var submitted = server.Requests.Where(r => r.IsSubmit && r.QueryValue("retry") is null).ToList();
        var statements = submitted.Select(r => r.Json!["statement"]!.GetValue<string>()).ToList();
        statements[0].ShouldBe("CREATE SCHEMA IF NOT EXISTS \"ANALYTICS\".\"PIPES\"");
        // Node statements carry the node's query tag; the schema check and the run summary are ad hoc.
        var nodeStatements = submitted.Where(r => r.Json!["parameters"]!["QUERY_TAG"]!.GetValue<string>() != "pipes:acme_growth:adhoc")
            .Select(r => r.Json!["statement"]!.GetValue<string>())
            .Where(s => !s.StartsWith("SELECT COUNT(*) FROM", StringComparison.Ordinal)).ToList();
        // The identity node's run stamp (rendered at run time, described at the end of its file) and its note query.
        nodeStatements.Count(s => s.StartsWith("-- This run's id and time", StringComparison.Ordinal)).ShouldBe(1);
        nodeStatements.Count(s => s.StartsWith("-- What the node's message says", StringComparison.Ordinal)).ShouldBe(1);
        // Each property model's note query (why every profile was recomputed), run after the node like identity's.
        nodeStatements.Count(s => s.StartsWith("-- The node's message: why every profile", StringComparison.Ordinal)).ShouldBe(3);
        nodeStatements = nodeStatements.Where(s => !s.StartsWith("-- This run's id and time", StringComparison.Ordinal)
            && !s.StartsWith("-- What the node's message says", StringComparison.Ordinal)
            && !s.StartsWith("-- The node's message: why every profile", StringComparison.Ordinal)).ToList();
        var compiled = Directory.EnumerateFiles(Path.Combine(project.Root, "target", "compiled", "prod")).Order(StringComparer.Ordinal)
            .Where(f => !Path.GetFileName(f).Contains("_seed.") && !Path.GetFileName(f).Contains("_test."))
            .SelectMany(f => File.ReadAllText(f)[..^2].Split(";\n\n")).Where(s => !s.StartsWith("-- pipes: before every statement above", StringComparison.Ordinal)).ToList();
        nodeStatements.ShouldBe(compiled);

        var tags = submitted.Select(r => r.Json!["parameters"]!["QUERY_TAG"]!.GetValue<string>()).ToList();
        tags.ShouldContain("pipes:acme_growth:stg_events");
        tags.ShouldContain("pipes:acme_growth:identity");

        // Against what the run itself recorded, not the compiled files: the stamp carries this run's id
        // (run_results.json), and no node sends a statement before every node it depends on (manifest.json) is done.
        var runId = JsonNode.Parse(project.Read("target/run_results.json"))!["metadata"]!["invocation_id"]!.GetValue<string>();
        statements.Single(s => s.StartsWith("-- This run's id and time", StringComparison.Ordinal)).ShouldContain($"'{runId}'");
        var nodes = JsonNode.Parse(project.Read("target/manifest.json"))!["nodes"]!.AsObject();
        var checkedNodes = 0;
        foreach (var (id, node) in nodes)
        {
            var first = tags.IndexOf("pipes:acme_growth:" + node!["name"]!.GetValue<string>());
            if (first < 0) continue; // a node that sends nothing of its own here
            foreach (var parent in node["depends_on"]!["nodes"]!.AsArray().Select(p => p!.GetValue<string>()).Where(nodes.ContainsKey))
                tags.LastIndexOf("pipes:acme_growth:" + nodes[parent]!["name"]!.GetValue<string>()).ShouldBeLessThan(first, $"{id} started before {parent} finished");
            checkedNodes++;
        }
        checkedNodes.ShouldBeGreaterThan(10);
        foreach (var artifact in new[] { "target/run_results.json", "target/manifest.json" })
            project.Read(artifact).ShouldNotContain("PRIVATE KEY");
        (stdout + stderr).ShouldNotContain("PRIVATE KEY");
    }
}
