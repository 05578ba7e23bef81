using Pipes.Core.Compile;
using Pipes.Core.Load;
using Pipes.Core.Plan;
using Pipes.Core.Run;
using Pipes.Core.Targets.DuckDb;
using Pipes.Core.Tasks;
using Pipes.Core.Targets;
using Pipes.Core.Templating;

namespace Pipes.Tests.Identity.Sql;

/// <summary>The runner's loop hook: rounds are reported, and a loop that hits its cap fails the node instead of returning labels.</summary>
public sealed class IdentityLoopTests
{
    [Fact]
    public async Task Rounds_are_reported_and_the_cap_fails_the_node_loudly()
    {
        var fixture = IdentityFixtures.Path(64, PathLabels.Reversed);
        using var run = IdentitySqlRun.Start(fixture.Rules, fixture.Rows);
        run.Stdout.ShouldContain("ERROR=0 SKIP=0");

        var (project, bag) = ProjectLoader.Load(run.Root);
        var plan = Planner.Plan(project!, ["identity"], [], bag)!;
        // A full refresh: the same rows again would otherwise leave the outputs as they are, without rounds.
        var node = new Compiler(project!, new TemplateCatalog(run.Root, bag), new CompileOptions { FullRefresh = true }).Compile(plan.Selected.Single(), bag)!;
        var capped = node with { Loop = node.Loop! with { CapQuery = "SELECT 2" } };
        var output = new TaskOutput(new StringWriter(), new StringWriter(), json: false);

        await using var target = DuckDbTarget.Open(Path.Combine(run.Root, "target", "test.duckdb"));
        var ok = (await new Runner(target, "idtest", output, new RunOptions()).RunAsync([node], CancellationToken.None)).Single();
        var failed = (await new Runner(target, "idtest", output, new RunOptions()).RunAsync([capped], CancellationToken.None)).Single();

        ok.Status.ShouldBe(RunStatus.Success);
        ok.Message.ShouldMatch(@"\((\d+) rounds; no component breaks a limit\)");
        failed.Status.ShouldBe(RunStatus.Error);
        failed.Message.ShouldContain("did not converge within the round cap of 2 rounds");
        // The failed node restored the ordered writes it had switched off for its set-based steps.
        (await target.ExecuteAsync("SELECT current_setting('preserve_insertion_order')", StatementContext.Adhoc("idtest"), CancellationToken.None))
            .Rows[0][0].ShouldBe(true);
    }
}
