using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Cli;

/// <summary>Ctrl-C or SIGTERM during a run: the running statement is cancelled, run_results.json records what ran, what was interrupted and what never ran, exit 130 or 143.</summary>
public sealed class InterruptCliTests
{
    [Theory]
    [InlineData(Sigint, 130)]
    [InlineData(Sigterm, 143)]
    public void A_signal_during_a_slow_model_cancels_it_writes_the_results_and_exits_128_plus_the_signal(int signal, int exitCode)
    {
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: t\nprofile: t\n",
            ["profiles.yml"] = "t:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n",
            ["models/a.sql"] = "SELECT 1 AS id",
            // Hours of work for DuckDB: only an interrupt ends it within the test's time.
            ["models/slow.sql"] = "SELECT SUM(r.range % 7) AS n FROM {{ ref \"a\" }}, range(1000000000000) AS r",
            ["models/after_slow.sql"] = "SELECT * FROM {{ ref \"slow\" }}",
            ["models/models.yml"] = "models:\n  - name: slow\n    config: {materialized: table}\n",
        });
        // A previous run's results must not survive an interrupted one.
        project.Write("target/run_results.json", "{\"stale\": true}");
        using var process = CliRunner.Start(project.Root, "run", "--log-format", "json");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = new List<string>();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            stdout.Add(line);
            if (line.Contains("\"event\":\"node_started\"", StringComparison.Ordinal) && line.Contains("\"node\":\"model.t.slow\"", StringComparison.Ordinal)) break;
        }
        line.ShouldNotBeNull("the slow model never started: " + string.Join("\n", stdout));
        // Inside the statement: the engine has burnt a second of CPU on it (a fixed sleep raced the statement's start
        // on a loaded machine, where the interrupt then came before the query and the run said something else).
        var cpuAtStart = process.TotalProcessorTime;
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            process.Refresh();
            if (process.TotalProcessorTime - cpuAtStart >= TimeSpan.FromSeconds(1)) break;
            Thread.Sleep(50);
        }

        Kill(process.Id, signal).ShouldBe(0);

        // A hang guard, not a speed target: the statement runs for hours unless the interrupt reaches it.
        var exited = process.WaitForExit(60_000);
        if (!exited) process.Kill();
        exited.ShouldBeTrue($"pipes did not stop within 60 s of signal {signal}");
        stdout.AddRange(process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var output = string.Join("\n", stdout) + stderr.Result;
        process.ExitCode.ShouldBe(exitCode, output);
        output.ShouldContain("interrupted while model.t.slow was running");
        output.ShouldNotContain("internal error");
        var results = JsonDocument.Parse(project.Read("target/run_results.json")).RootElement.GetProperty("results").EnumerateArray()
            .ToDictionary(r => r.GetProperty("unique_id").GetString()!, r => (Status: r.GetProperty("status").GetString(), Message: r.GetProperty("message").GetString()!));
        results["model.t.a"].Status.ShouldBe("success");
        results["model.t.slow"].Status.ShouldBe("error");
        results["model.t.slow"].Message.ShouldContain("interrupted");
        results["model.t.after_slow"].Status.ShouldBe("skipped");
        results["model.t.after_slow"].Message.ShouldContain("interrupted");
    }

    private const int Sigint = 2;
    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
