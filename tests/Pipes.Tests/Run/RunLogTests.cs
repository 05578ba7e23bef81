using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Pipes.Core.Push;
using Pipes.Core.Run;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Run;

/// <summary>target/pipes.log, START lines, JSON timestamps, colours and the elapsed counter of long nodes.</summary>
public sealed class RunLogTests
{
    private const string Secret = "s3cr3t-Value-9f8e7d";

    [Fact]
    public void The_log_holds_statements_and_timings_but_never_a_secret()
    {
        using var project = TestProject.SampleOnDuckDb();
        project.Write("models/marts/secret_probe.sql", "SELECT '{{ env_var \"ACME_API_TOKEN\" }}' AS token, 1 AS id");
        project.Environment["ACME_API_TOKEN"] = Secret;

        var (code, stdout, stderr) = project.Run("run", project.Options("secret_probe"));

        code.ShouldBe(0, stdout + stderr);
        project.Read($"target/compiled/local/001_model.acme_growth.secret_probe.sql").ShouldContain(Secret); // the SQL did carry it
        var log = project.Read("target/pipes.log");
        log.ShouldNotContain(Secret);
        log.ShouldContain("SELECT '***' AS token");
        log.ShouldContain("==== pipes run");
        log.ShouldContain("START model.acme_growth.secret_probe");
        log.ShouldMatch(@"model\.acme_growth\.secret_probe: statement in \d+ ms");
        log.ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[info \] ");

        // A second run appends.
        project.Run("run", project.Options("secret_probe")).ExitCode.ShouldBe(0);
        var again = project.Read("target/pipes.log");
        again.Length.ShouldBeGreaterThan(log.Length);
        again.ShouldStartWith(log);
        again.ShouldNotContain(Secret);
    }

    [Fact]
    public void A_standalone_push_writes_the_log_too_and_never_the_api_key()
    {
        using var project = TestProject.SampleOnDuckDb();
        project.Environment["AMPLITUDE_API_KEY"] = Secret;
        project.Run("build").ExitCode.ShouldBe(0);
        File.Delete(Path.Combine(project.Root, "target", "pipes.log"));

        var (code, stdout, stderr) = project.Invoke((o, output) => PushTask.ExecuteAsync(o, new PushSettings(), output, CancellationToken.None).GetAwaiter().GetResult());

        code.ShouldBe(0, stdout + stderr);
        var log = project.Read("target/pipes.log");
        log.ShouldContain("==== pipes push");
        log.ShouldContain("pipes_push_"); // the statements the push ran on the warehouse
        log.ShouldNotContain(Secret);
    }

    [Fact]
    public void A_run_prints_a_start_line_before_each_node()
    {
        using var project = TestProject.SampleOnDuckDb();
        project.Write("models/marts/probe_a.sql", "SELECT 1 AS id").Write("models/marts/probe_b.sql", "SELECT * FROM {{ ref \"probe_a\" }}");
        var (code, stdout, _) = project.Run("run", project.Options("probe_a+"));
        code.ShouldBe(0, stdout);
        var lines = stdout.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("1 of 2 START view model ", StringComparison.Ordinal));
        var done = Array.FindIndex(lines, l => l.StartsWith("1 of 2 OK ", StringComparison.Ordinal));
        Array.FindIndex(lines, l => l.StartsWith("2 of 2 START view model ", StringComparison.Ordinal)).ShouldBeGreaterThan(done);
        start.ShouldBeGreaterThanOrEqualTo(0, stdout);
        lines[start].ShouldEndWith("[RUN]");
        done.ShouldBeGreaterThan(start);
    }

    [Fact]
    public void Every_json_line_has_a_utc_timestamp()
    {
        using var project = TestProject.SampleOnDuckDb();
        project.Write("models/marts/probe_a.sql", "SELECT 1 AS id");
        var (code, stdout, _) = project.Run("run", project.Options("probe_a"), json: true);
        code.ShouldBe(0);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBeGreaterThanOrEqualTo(4); // header, node started, node finished, done
        foreach (var line in lines)
            JsonDocument.Parse(line).RootElement.GetProperty("ts").GetString().ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$");
    }

    [Fact]
    public void Colours_paint_the_status_word_only_on_a_terminal_without_no_color()
    {
        var writer = new StringWriter { NewLine = "\n" };
        var output = new TaskOutput(writer, writer, json: false) { Color = true };
        output.Finished(1, 1, new RunResult("model.t.a", "a", "model", RunStatus.Success, TimeSpan.Zero, 3, null, null, "ok"));
        output.Finished(1, 1, new RunResult("model.t.b", "b", "model", RunStatus.Error, TimeSpan.Zero, null, null, null, "failed"));
        writer.ToString().ShouldContain("1 of 1 \u001b[32mOK\u001b[0m    model  a ");
        writer.ToString().ShouldContain("\u001b[31mERROR\u001b[0m");

        Func<string, string?> none = _ => null;
        Pipes.Cli.CommonOptions.Output(json: false, noColor: false, terminal: true, none).Color.ShouldBeTrue();
        Pipes.Cli.CommonOptions.Output(json: false, noColor: true, terminal: true, none).Color.ShouldBeFalse();
        Pipes.Cli.CommonOptions.Output(json: false, noColor: false, terminal: true, n => n == "NO_COLOR" ? "1" : null).Color.ShouldBeFalse();
        Pipes.Cli.CommonOptions.Output(json: false, noColor: false, terminal: false, none).Color.ShouldBeFalse();
        Pipes.Cli.CommonOptions.Output(json: true, noColor: false, terminal: true, none).Color.ShouldBeFalse();
    }

    [Fact]
    public void Without_a_terminal_a_long_node_prints_a_line_every_heartbeat()
    {
        var time = new FakeTimeProvider();
        var writer = new StringWriter { NewLine = "\n" };
        var output = new TaskOutput(writer, writer, json: false) { Time = time, Heartbeat = TimeSpan.FromSeconds(5) };
        output.Started(1, 2, "identity.t.profiles", "identity profiles \"pipes_profiles\"");
        time.Advance(TimeSpan.FromSeconds(4));
        writer.ToString().ShouldNotContain("still running");
        time.Advance(TimeSpan.FromSeconds(1));
        writer.ToString().ShouldContain("  identity.t.profiles still running after 5s\n");
        time.Advance(TimeSpan.FromSeconds(5));
        writer.ToString().ShouldContain("  identity.t.profiles still running after 10s\n");
        output.Ended(1, 2, new RunResult("identity.t.profiles", "identity", "identity", RunStatus.Success, TimeSpan.FromSeconds(10), 1, null, null, "ok"));
        var before = writer.ToString();
        time.Advance(TimeSpan.FromSeconds(30));
        writer.ToString().ShouldBe(before);
    }

    [Fact]
    public void On_a_terminal_the_elapsed_counter_redraws_one_line_and_clears_it()
    {
        var time = new FakeTimeProvider();
        var writer = new StringWriter { NewLine = "\n" };
        var output = new TaskOutput(writer, writer, json: false) { Time = time, Live = true, Heartbeat = TimeSpan.FromSeconds(2) };
        output.Started(1, 1, "model.t.slow", "table model \"slow\"");
        time.Advance(TimeSpan.FromSeconds(3));
        writer.ToString().ShouldEndWith("\r\u001b[K  running: model.t.slow 3s");
        time.Advance(TimeSpan.FromSeconds(1));
        writer.ToString().ShouldEndWith("\r\u001b[K  running: model.t.slow 4s");
        output.Finished(1, 1, new RunResult("model.t.slow", "slow", "model", RunStatus.Success, TimeSpan.FromSeconds(4), 1, null, null, "ok"));
        writer.ToString().ShouldContain("model.t.slow 4s\r\u001b[K1 of 1 OK ");
    }
}
