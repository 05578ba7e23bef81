using System.Diagnostics;
using System.Text.Json;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Run;

/// <summary>
/// The README's "second run" on a copy of the sample, step for step: build, append <c>examples/second_run/</c> to
/// the seeds with the README's shell command, build again, explain. The counts and the merge are what the README shows.
/// </summary>
public sealed class SampleSecondRunTests
{
    /// <summary>The command as the README prints it (checked below), run by <c>sh</c> in the copy.</summary>
    private const string Append = "for f in amplitude_events amplitude_merged_ids; do tail -n +2 examples/second_run/$f.csv >> seeds/$f.csv; done";

    [Fact]
    public void Appending_the_example_rows_gives_the_readme_counts_and_a_merge_in_the_history()
    {
        File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ShouldContain(Append);
        using var project = TestProject.SampleOnDuckDb();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "examples", "second_run")))
            project.Write(Path.Combine("examples", "second_run", Path.GetFileName(file)), File.ReadAllText(file));

        var first = CliRunner.Pipes(project.Root, "build");
        first.ExitCode.ShouldBe(0, first.Stdout + first.Stderr);
        Shell(project.Root, Append);
        var second = CliRunner.Pipes(project.Root, "build");
        second.ExitCode.ShouldBe(0, second.Stdout + second.Stderr);

        second.Stdout.ShouldContain("  history: 1 created\n  history: 1 merged\n");
        foreach (var line in new[]
                 {
                     "output       pipes_amplitude_events: 7 inserted, 0 updated, 4 deleted",
                     "output       pipes_id_graph: 2 inserted, 2 updated, 0 deleted",
                     "output       pipes_profiles: 1 inserted, 1 updated, 1 deleted",
                     "output       pipes_property_crm: 0 inserted, 0 updated, 0 deleted",
                     "events: pipes_amplitude_events wrote 7 inserts, 0 updates, 4 deletes (11 Amplitude operations), 4 events re-keyed to another user_id",
                 })
            second.Stdout.ShouldContain(line);
        var outputs = JsonDocument.Parse(project.Read("target/run_results.json")).RootElement.GetProperty("summary").GetProperty("outputs");
        var profiles = outputs.GetProperty("pipes_profiles");
        (profiles.GetProperty("inserted").GetInt64(), profiles.GetProperty("updated").GetInt64(), profiles.GetProperty("deleted").GetInt64()).ShouldBe((1L, 1L, 1L));

        var explain = CliRunner.Pipes(project.Root, "explain", "email:Liam.Muller@hoolidyne003.com");
        explain.ExitCode.ShouldBe(0, explain.Stdout + explain.Stderr);
        explain.Stdout.ShouldContain("device_id    9089ea69-57a0-b612-e027-e9984b53cde5, 4797584d-fbab-5c98-dfc8-bf2f6f4252d8, c3efa1df-47e4-54d6-7759-da056b3871ad");
        explain.Stdout.ShouldContain("merged pf_66c3921375082da03a2b (device_id:c3efa1df-47e4-54d6-7759-da056b3871ad) into pf_210f76bb7a203f16cf0f (email:liam.muller@hoolidyne003.com), 2 identifiers moved");
    }

    private static void Shell(string directory, string command)
    {
        var start = new ProcessStartInfo("sh") { WorkingDirectory = directory, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit(30_000).ShouldBeTrue();
        process.ExitCode.ShouldBe(0, stderr);
    }
}
