using System.Text.Json;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Run;

/// <summary>build pushes only when every node succeeded; when it does not, it says so on screen and in run_results.json.</summary>
public sealed class BuildPushSkipTests
{
    [Fact]
    public void A_failed_node_skips_the_push_and_says_why()
    {
        using var project = TestProject.SampleOnDuckDb();
        project.Write("models/broken.sql", "SELECT * FROM missing_table");

        var (code, stdout, stderr) = project.Run("build");

        code.ShouldBe(ExitCodes.Failure, stdout + stderr);
        stdout.ShouldContain("SKIP  push   amplitude_prod");
        stdout.ShouldContain("push amplitude_prod skipped: 1 node did not succeed (model.acme_growth.broken)");
        File.Exists(Path.Combine(project.Root, "target", "push", "amplitude_prod.jsonl")).ShouldBeFalse();
        var push = JsonDocument.Parse(project.Read("target/run_results.json")).RootElement.GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("unique_id").GetString() == "destination.acme_growth.amplitude_prod");
        push.GetProperty("status").GetString().ShouldBe("skipped");
        push.GetProperty("message").GetString()!.ShouldContain("model.acme_growth.broken");
    }
}
