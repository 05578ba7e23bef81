using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;
using Pipes.Core.Push;

namespace Pipes.Tests.Cli;

/// <summary>Commands that read what a build leaves, run on a fresh sample: one coded error naming what to run, exit 1, no engine error.</summary>
public sealed class NotBuiltYetTests
{
    [Fact]
    public void Explain_before_a_build_says_to_build_first()
    {
        using var project = TestProject.SampleOnDuckDb();

        var (code, stdout, stderr) = project.Invoke((o, output) => ExplainTask.ExecuteAsync(o, "email:a@b.com", null, output, CancellationToken.None).GetAwaiter().GetResult());

        code.ShouldBe(ExitCodes.Failure);
        stderr.Trim().ShouldBe("error PIPES1010: pipes explain reads what a build leaves on target local, and pipes_id_graph does not exist there yet; run `pipes build` first");
        stdout.ShouldBeEmpty();
    }

    [Fact]
    public void Push_before_a_build_names_every_missing_relation_and_sends_nothing()
    {
        using var project = TestProject.SampleOnDuckDb();

        var (code, stdout, stderr) = project.Invoke((o, output) => PushTask.ExecuteAsync(o with { Target = "local" }, new PushSettings(), output, CancellationToken.None).GetAwaiter().GetResult());

        code.ShouldBe(ExitCodes.Failure);
        stderr.Trim().ShouldBe("error PIPES1010: pipes push reads what a build leaves on target local, and pipes_push_amplitude_prod, " +
                               "pipes_amplitude_profiles_next, pipes_amplitude_events_next do not exist there yet; run `pipes build --target local` first");
        stdout.ShouldBeEmpty();
        File.Exists(Path.Combine(project.Root, "target", "push", "amplitude_prod.jsonl")).ShouldBeFalse();
    }

    [Fact]
    public void Show_before_a_build_says_which_build_makes_the_model()
    {
        using var project = TestProject.SampleOnDuckDb();

        var (code, _, stderr) = ShowTests.Show(project, new ShowRequest("account_overview", null));

        code.ShouldBe(ExitCodes.Failure);
        stderr.Trim().ShouldBe("error PIPES1010: pipes show account_overview reads what a build leaves on target local, and account_overview does not exist there yet; " +
                               "run `pipes build -s +account_overview` first");
    }

    [Fact]
    public void After_the_build_of_its_inputs_push_runs()
    {
        using var project = TestProject.SampleOnDuckDb();
        project.Run("build").ExitCode.ShouldBe(ExitCodes.Success);

        var (code, stdout, stderr) = project.Invoke((o, output) => PushTask.ExecuteAsync(o, new PushSettings(), output, CancellationToken.None).GetAwaiter().GetResult());

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        stderr.ShouldNotContain("PIPES1010");
    }
}
