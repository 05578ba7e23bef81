using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Snowflake;

/// <summary><c>pipes build --target prod</c> of the sample project against the loopback SQL API.</summary>
public sealed class SampleProjectOnSnowflakeTests
{
    [Fact]
    public async Task Run_sends_exactly_the_compiled_statements_in_order()
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
        nodeStatements = nodeStatements.Where(s => !s.StartsWith("-- This run's id and time", StringComparison.Ordinal)
            && !s.StartsWith("-- What the node's message says", StringComparison.Ordinal)).ToList();
        var compiled = Directory.EnumerateFiles(Path.Combine(project.Root, "target", "compiled", "prod")).Order(StringComparer.Ordinal)
            .Where(f => !Path.GetFileName(f).Contains("_seed.") && !Path.GetFileName(f).Contains("_test."))
            .SelectMany(f => File.ReadAllText(f)[..^2].Split(";\n\n")).Where(s => !s.StartsWith("-- pipes: before every statement above", StringComparison.Ordinal)).ToList();
        nodeStatements.ShouldBe(compiled);

        var tags = submitted.Skip(1).Select(r => r.Json!["parameters"]!["QUERY_TAG"]!.GetValue<string>()).Distinct().ToList();
        tags.ShouldContain("pipes:acme_growth:stg_events");
        tags.ShouldContain("pipes:acme_growth:identity");
        foreach (var artifact in new[] { "target/run_results.json", "target/manifest.json" })
            project.Read(artifact).ShouldNotContain("PRIVATE KEY");
        (stdout + stderr).ShouldNotContain("PRIVATE KEY");
    }
}
