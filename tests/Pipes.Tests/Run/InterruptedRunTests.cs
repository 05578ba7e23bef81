using System.Text.Json;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Run;

/// <summary>Cancellation in process (the CLI test sends a real SIGINT): what never started is recorded as not run.</summary>
public sealed class InterruptedRunTests
{
    [Fact]
    public void Cancelled_before_the_first_node_records_every_node_as_not_run_and_pushes_nothing()
    {
        using var project = TestProject.SampleOnDuckDb()
            .Write("profiles.yml", "acme:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb, schema: main}\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var code = RunTask.ExecuteAsync("build", project.Options(), new TaskOutput(stdout, stderr, json: false), cancelled.Token).GetAwaiter().GetResult();

        code.ShouldBe(ExitCodes.Interrupted);
        stderr.ToString().ShouldContain("interrupted between nodes; 31 nodes not run; 0 done.");
        var results = JsonDocument.Parse(project.Read("target/run_results.json")).RootElement.GetProperty("results").EnumerateArray().ToList();
        results.Count.ShouldBe(31);
        results.ShouldAllBe(r => r.GetProperty("status").GetString() == "skipped");
        File.Exists(Path.Combine(project.Root, "target", "push", "amplitude_prod.jsonl")).ShouldBeFalse();
    }
}
