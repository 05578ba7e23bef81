using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Snowflake;

/// <summary><c>pipes run --threads 4 --target prod</c> on the loopback SQL API: each statement its own request, the same statements as a serial run.</summary>
public sealed class ConcurrentSnowflakeRunTests
{
    [Fact]
    public async Task Four_threads_send_the_statements_of_a_serial_run_and_log_no_key()
    {
        var serial = await StatementsAsync(threads: 1);
        var concurrent = await StatementsAsync(threads: 4);

        concurrent.Stdout.ShouldContain("Concurrency: 4 threads (target 'prod')");
        concurrent.Statements.Order(StringComparer.Ordinal).ShouldBe(serial.Statements.Order(StringComparer.Ordinal));
        concurrent.FinishedLines.ShouldBe(serial.FinishedLines);
        foreach (var log in new[] { serial.Log, concurrent.Log })
        {
            log.ShouldContain("pipes:acme_growth:stg_events".Split(':')[2]);
            log.ShouldNotContain("PRIVATE KEY");
            log.ShouldNotContain(SnowflakeTestKeys.Pem.Split('\n')[1]);
        }
    }

    [Fact]
    public async Task A_retried_request_is_in_the_log()
    {
        await using var server = await SnowflakeSqlApiServer.StartAsync();
        using var project = SnowflakeSample.Project(server);
        SnowflakeSample.AnswerFreshSchema(server);
        server.Script.Enqueue(ScriptStep.Reply(503, "busy"));

        var (code, stdout, stderr) = project.Run("run", project.Options("stg_events"));

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        project.Read("target/pipes.log").ShouldMatch(@"\[debug\] snowflake sql api: attempt 1 failed \(HTTP 503 ServiceUnavailable\); retrying in \d+ ms");
    }

    private static async Task<(List<string> Statements, List<string> FinishedLines, string Stdout, string Log)> StatementsAsync(int threads)
    {
        await using var server = await SnowflakeSqlApiServer.StartAsync();
        using var project = SnowflakeSample.Project(server);
        SnowflakeSample.AnswerFreshSchema(server);
        SnowflakeSampleAnswers.Summary(server);

        var (code, stdout, stderr) = project.Run("run", project.Options() with { Threads = threads });

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        // The identity node's run stamp carries this run's id and time.
        var statements = server.Requests.Where(r => r.IsSubmit && r.QueryValue("retry") is null)
            .Select(r => r.Json!["statement"]!.GetValue<string>())
            .Where(s => !s.StartsWith("-- This run's id and time", StringComparison.Ordinal)).ToList();
        var finished = stdout.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s*\d+ of \d+ (OK|PASS|WARN|ERROR|FAIL|SKIP)\b"))
            .Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"in \d+\.\d+s\]", "in ?s]")).ToList();
        return (statements, finished, stdout, project.Read("target/pipes.log"));
    }
}
