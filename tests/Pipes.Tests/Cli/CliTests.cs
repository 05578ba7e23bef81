using System.Text.Json;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Cli;

/// <summary>The real <c>pipes</c> executable in a child process: exit codes, output, no stack traces.</summary>
public sealed class CliTests
{
    [Fact]
    public void Version_prints_the_version()
    {
        var (code, stdout, _) = Pipes(".", "--version");
        code.ShouldBe(0);
        stdout.Trim().ShouldStartWith("0.1.0");
    }

    [Fact]
    public void Init_scaffolds_a_project_that_builds()
    {
        using var folder = new TestProject();
        var dir = Path.Combine(folder.Root, "my-project");

        Pipes(folder.Root, "init", dir).ExitCode.ShouldBe(0);
        var (code, stdout, stderr) = Pipes(dir, "build");

        code.ShouldBe(0, stdout + stderr);
        stdout.ShouldContain("OK=2 WARN=0 ERROR=0 SKIP=0");
        File.Exists(Path.Combine(dir, "target", "run_results.json")).ShouldBeTrue();
        Pipes(folder.Root, "init", dir).ExitCode.ShouldBe(1); // never overwrites
    }

    [Fact]
    public void Bad_input_exits_1_with_positions_and_no_stack_trace()
    {
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: t\nprofle: x\n",
            ["models/a.sql"] = "SELECT * FROM {{ ref \"b\" }}",
        });

        var (code, _, stderr) = Pipes(project.Root, "compile");

        code.ShouldBe(1);
        stderr.ShouldContain("pipes_project.yml(2,1): error PIPES0002: unknown key 'profle' in pipes_project.yml; did you mean 'profile'?");
        stderr.ShouldContain("models/a.sql(1,18): error PIPES0101: unknown model or seed 'b' in ref");
        stderr.ShouldNotContain("   at ");
    }

    [Fact]
    public void A_failed_node_exits_1_and_json_logs_are_json()
    {
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: t\n",
            ["models/a.sql"] = "SELECT * FROM missing_table",
        });

        var (code, stdout, _) = Pipes(project.Root, "run", "--log-format", "json");

        code.ShouldBe(1);
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)) JsonDocument.Parse(line);
        stdout.ShouldContain("\"status\":\"error\"");
    }

    [Fact]
    public void Compile_writes_one_file_per_node_in_run_order()
    {
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: t\n",
            ["models/b.sql"] = "SELECT * FROM {{ ref \"a\" }}",
            ["models/a.sql"] = "SELECT 1 AS id",
        });

        Pipes(project.Root, "compile").ExitCode.ShouldBe(0);

        Directory.EnumerateFiles(Path.Combine(project.Root, "target", "compiled", "local")).Select(Path.GetFileName).Order()
            .ShouldBe(new[] { "001_model.t.a.sql", "002_model.t.b.sql" });
        var manifest = JsonDocument.Parse(project.Read("target/manifest.json")).RootElement;
        manifest.GetProperty("parent_map").GetProperty("model.t.b")[0].GetString().ShouldBe("model.t.a");
    }

    [Fact]
    public void Snowflake_without_a_key_exits_1_with_what_to_fix()
    {
        using var project = TestProject.CopyOfSample();

        var (code, _, stderr) = Pipes(project.Root, "run", "--target", "prod");

        code.ShouldBe(1);
        stderr.ShouldContain("Key-pair authentication needs private_key_path or private_key");
        stderr.ShouldNotContain("internal error");
    }

    private static (int ExitCode, string Stdout, string Stderr) Pipes(string workingDirectory, params string[] args) =>
        CliRunner.Pipes(workingDirectory, args);
}
