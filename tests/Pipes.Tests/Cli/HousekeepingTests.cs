using System.Text.Json;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Cli;

/// <summary><c>pipes clean</c>, <c>pipes ls --output/--resource-type</c>, <c>pipes init</c>'s next commands and <c>--vars</c> on every command that compiles.</summary>
public sealed class HousekeepingTests
{
    private static (int ExitCode, string Stdout, string Stderr) Clean(TestProject project, bool all = false) =>
        project.Invoke((o, output) => CleanTask.Execute(o, all, output));

    private static (int ExitCode, string Stdout, string Stderr) Ls(TestProject project, string format, params string[] types) =>
        project.Invoke((o, output) => LsTask.Execute(o, output, format, types));

    [Fact]
    public void Clean_deletes_the_target_folder_but_keeps_the_database_unless_all()
    {
        using var project = TestProject.SampleOnDuckDb();
        project.Compile().ExitCode.ShouldBe(0);
        project.Write("target/test.duckdb", "not really a database");
        var files = Directory.EnumerateFiles(Path.Combine(project.Root, "target"), "*", SearchOption.AllDirectories).Count();
        files.ShouldBeGreaterThan(30);

        var (code, stdout, _) = Clean(project);

        code.ShouldBe(0);
        stdout.Trim().ShouldBe($"Cleaned target/: {files - 1} files deleted; kept target/test.duckdb (the local database and its push state; pipes clean --all deletes it too)");
        Directory.EnumerateFileSystemEntries(Path.Combine(project.Root, "target"), "*", SearchOption.AllDirectories).ShouldBe([Path.Combine(project.Root, "target", "test.duckdb")]);
        Directory.Exists(Path.Combine(project.Root, "models")).ShouldBeTrue();

        Clean(project, all: true).Stdout.Trim().ShouldBe("Cleaned target/: 1 file deleted");
        Directory.Exists(Path.Combine(project.Root, "target")).ShouldBeFalse();
        Clean(project).Stdout.Trim().ShouldBe("target/ does not exist; nothing to clean");
    }

    [Fact]
    public void Clean_targets_come_from_the_project_and_never_leave_it_or_touch_models()
    {
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: t\ntarget-path: build\nclean-targets: [build, logs]\n",
            ["models/a.sql"] = "SELECT 1 AS x",
            ["build/x.txt"] = "x", ["logs/a/b.log"] = "b", ["target/keep.txt"] = "not a clean target here",
        });

        var (code, stdout, _) = Clean(project);

        code.ShouldBe(0);
        stdout.ShouldBe("Cleaned build/: 1 file deleted\nCleaned logs/: 1 file deleted\n");
        File.Exists(Path.Combine(project.Root, "target", "keep.txt")).ShouldBeTrue();

        project.Write("pipes_project.yml", "name: t\nclean-targets: [target, ../elsewhere, models/sub, .]\n");
        var refused = Clean(project);
        refused.ExitCode.ShouldBe(ExitCodes.Failure);
        refused.Stderr.ShouldContain("pipes_project.yml(2,25): error PIPES0123: clean-targets entry '../elsewhere' is not a folder inside the project");
        refused.Stderr.ShouldContain("pipes_project.yml(2,39): error PIPES0123: clean-targets entry 'models/sub' overlaps the model or seed folder models");
        refused.Stderr.ShouldContain("pipes_project.yml(2,51): error PIPES0123: clean-targets entry '.' is not a folder inside the project");
        File.Exists(Path.Combine(project.Root, "target", "keep.txt")).ShouldBeTrue(); // one bad entry: nothing is deleted
    }

    [Fact]
    public void Ls_prints_names_paths_or_json_lines_of_the_kinds_asked()
    {
        using var project = TestProject.CopyOfSample();

        Ls(project, "name", "model").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ShouldBe(["stg_events", "recent_events", "user_activity", "stg_crm_contacts", "account_overview"]);
        Ls(project, "path", "seed").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ShouldBe(["seeds/amplitude_events.csv", "seeds/amplitude_merged_ids.csv", "seeds/billing_customers.csv", "seeds/crm_contacts.csv", "seeds/product_accounts.csv"]);

        var json = Ls(project, "json", "push", "identity").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        json.Select(j => j.GetProperty("unique_id").GetString()).ShouldBe(["identity.acme_growth.profiles", "push.acme_growth.amplitude_prod", "push.acme_growth.events", "push.acme_growth.profiles"]);
        json[1].GetProperty("resource_type").GetString().ShouldBe("push");
        json[1].GetProperty("original_file_path").GetString().ShouldBe("models/properties.yml");
        json[1].GetProperty("depends_on").GetProperty("nodes").EnumerateArray().Select(n => n.GetString()).ShouldContain("identity.acme_growth.profiles");

        var all = Ls(project, "id").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        all.Length.ShouldBe(31);
        all.ShouldBe(Ls(project, "id", LsTask.ResourceTypes.ToArray()).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("yaml", new string[0], "error PIPES0122: --output must be one of id, name, path, json, not 'yaml'")]
    [InlineData("id", new[] { "modle" }, "error PIPES0122: unknown --resource-type 'modle'; known: source, seed, model, identity, property, push, test; did you mean 'model'?")]
    public void Ls_refuses_an_unknown_output_or_resource_type(string format, string[] types, string expected)
    {
        using var project = TestProject.CopyOfSample();

        var (code, stdout, stderr) = Ls(project, format, types);

        code.ShouldBe(ExitCodes.Failure);
        stderr.ShouldContain(expected);
        stdout.ShouldBeEmpty();
    }

    [Fact]
    public void Init_prints_next_commands_from_where_the_user_is_and_they_work()
    {
        using var folder = new TestProject();
        var here = Directory.CreateDirectory(Path.Combine(folder.Root, "work")).FullName;

        var (code, stdout, _) = CliRunner.Pipes(here, "init", "my proj");

        code.ShouldBe(0);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("Created project 'my_proj' in my proj. Next:");
        lines[1].ShouldBe("  cd 'my proj'");
        var project = Path.Combine(here, "my proj");
        foreach (var next in lines.Skip(2).Select(l => l.Split('#')[0].Trim()))
        {
            next.ShouldStartWith("pipes ");
            var run = CliRunner.Pipes(project, next["pipes ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            run.ExitCode.ShouldBe(0, next + "\n" + run.Stdout + run.Stderr);
        }
        CliRunner.Pipes(project, "show", "customers").Stdout.ShouldContain("2 rows of customers");
        CliRunner.Pipes(project, "retry").Stdout.Trim().ShouldBe("Nothing to retry: all 2 results of the last pipes build succeeded");
        CliRunner.Pipes(project, "clean").Stdout.ShouldContain("; kept target/pipes.duckdb (the local database");

        var inside = Directory.CreateDirectory(Path.Combine(folder.Root, "empty")).FullName;
        var there = CliRunner.Pipes(inside, "init", ".");
        there.Stdout.Split('\n')[0].ShouldBe("Created project 'empty' in this folder. Next:");
        there.Stdout.ShouldNotContain("  cd ");
    }

    [Fact]
    public void Every_command_that_compiles_takes_vars_and_bad_vars_are_a_positioned_error()
    {
        string[][] commands = [["compile"], ["run"], ["seed"], ["test"], ["build"], ["ls"], ["show"], ["push"], ["explain"], ["debug"], ["deploy"], ["parity"], ["ingest", "amplitude"]];
        foreach (var command in commands)
            CliRunner.Pipes(".", [.. command, "--help"]).Stdout.ShouldContain("--vars <vars>", customMessage: string.Join(" ", command));

        using var project = TestProject.CopyOfSample();
        foreach (var command in new[] { "ls", "show" })
        {
            var (code, _, stderr) = CliRunner.Pipes(project.Root, command, command == "show" ? "account_overview" : "--select=account_overview", "--vars", "{lookback_days: [}");
            code.ShouldBe(ExitCodes.Failure, command);
            stderr.ShouldContain("--vars(1,18): error PIPES0001: malformed YAML", customMessage: command);
        }
        var scalar = CliRunner.Pipes(project.Root, "ls", "--vars", "7");
        scalar.ExitCode.ShouldBe(ExitCodes.Failure);
        scalar.Stderr.ShouldContain("--vars(1,1): error PIPES0003: --vars must be a mapping of keys to values");
    }
}
