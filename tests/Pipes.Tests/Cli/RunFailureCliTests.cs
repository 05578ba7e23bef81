using Pipes.Tests.TestKit;

namespace Pipes.Tests.Cli;

/// <summary>Expected failures of a run (the database locked, target/ not writable) exit 1 with one clear sentence, never "internal error".</summary>
public sealed class RunFailureCliTests
{
    private static TestProject Project() => new(new Dictionary<string, string>
    {
        ["pipes_project.yml"] = "name: t\nprofile: t\n",
        ["profiles.yml"] = "t:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n",
        ["models/a.sql"] = "SELECT 1 AS id",
    });

    [Fact]
    public async Task A_database_held_by_another_process_names_the_process()
    {
        using var project = Project();
        Directory.CreateDirectory(Path.Combine(project.Root, "target"));
        // This test process holds DuckDB's file lock, as a first `pipes build` still running would.
        await using var holder = DuckDb.Open(project);

        var (code, stdout, stderr) = CliRunner.Pipes(project.Root, "build");

        code.ShouldBe(1, stdout + stderr);
        stderr.ShouldContain($"target/test.duckdb is in use by another process (PID {Environment.ProcessId}");
        stderr.ShouldNotContain("internal error");
        stderr.ShouldNotContain("Exception");
        stderr.Trim().Split('\n').Length.ShouldBe(1, stderr);
    }

    [Fact]
    public void A_target_folder_that_cannot_be_created_names_the_path()
    {
        using var project = Project();
        // Root may write anywhere, but not under a regular file: "target" is a file here.
        project.Write("target", "not a folder");

        var (code, stdout, stderr) = CliRunner.Pipes(project.Root, "build");

        code.ShouldBe(1, stdout + stderr);
        stderr.ShouldContain("cannot write the compiled SQL to target/compiled/local:");
        stderr.ShouldNotContain("internal error");
        stderr.ShouldNotContain("Exception");
        stderr.Trim().Split('\n').Length.ShouldBe(1, stderr);
    }

    [Fact]
    public void A_compiled_file_that_cannot_be_written_is_one_error_not_an_aggregate()
    {
        using var project = Project();
        // A folder where the compiled file goes: the parallel write fails (UnauthorizedAccessException even for root).
        Directory.CreateDirectory(Path.Combine(project.Root, "target", "compiled", "local", "001_model.t.a.sql"));

        var (code, stdout, stderr) = CliRunner.Pipes(project.Root, "build");

        code.ShouldBe(1, stdout + stderr);
        stderr.ShouldContain("cannot write the compiled SQL to target/compiled/local:");
        stderr.ShouldContain("001_model.t.a.sql");
        stderr.ShouldNotContain("internal error");
        stderr.ShouldNotContain("AggregateException");
        stderr.Trim().Split('\n').Length.ShouldBe(1, stderr);
    }
}
