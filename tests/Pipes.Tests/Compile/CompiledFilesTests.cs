using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Compile;

/// <summary>
/// target/compiled/ after a compile holds exactly this compile's files: stale ones deleted, changed ones rewritten,
/// unchanged ones left as they are (creating thousands of files is what a large compile would otherwise spend its time on).
/// </summary>
public sealed class CompiledFilesTests
{
    private static readonly DateTime Old = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_second_compile_rewrites_only_what_changed_and_removes_what_is_gone()
    {
        using var project = TestProject.SampleOnDuckDb();
        project.Compile().ExitCode.ShouldBe(ExitCodes.Success);
        var folder = Path.Combine(project.Root, "target", "compiled", "local");
        var files = Directory.GetFiles(folder, "*.sql");
        files.Length.ShouldBeGreaterThan(20);
        foreach (var f in files) File.SetLastWriteTimeUtc(f, Old);
        var stale = Path.Combine(folder, "999_model.acme_growth.gone.sql");
        File.WriteAllText(stale, "SELECT 1");
        var activity = files.Single(f => f.EndsWith("_model.acme_growth.user_activity.sql", StringComparison.Ordinal));
        var events = files.Single(f => f.EndsWith("_model.acme_growth.stg_events.sql", StringComparison.Ordinal));
        var before = File.ReadAllText(events);
        File.WriteAllText(events, new string('x', before.Length)); // same length, other text: edited by hand
        File.SetLastWriteTimeUtc(events, Old);
        project.Write("models/marts/user_activity.sql", project.Read("models/marts/user_activity.sql") + "\n-- a comment\n");

        project.Compile().ExitCode.ShouldBe(ExitCodes.Success);

        File.Exists(stale).ShouldBeFalse();
        Directory.GetFiles(folder, "*.sql").Order().ShouldBe(files.Order());
        File.ReadAllText(activity).ShouldContain("-- a comment");
        File.ReadAllText(events).ShouldBe(before);
        foreach (var f in files.Where(f => f != activity && f != events))
            File.GetLastWriteTimeUtc(f).ShouldBe(Old, $"{Path.GetFileName(f)} was rewritten unchanged");
        File.GetLastWriteTimeUtc(activity).ShouldBeGreaterThan(Old);
    }
}
