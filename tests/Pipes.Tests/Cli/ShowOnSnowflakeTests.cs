using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Cli;

/// <summary><c>pipes show</c> through the loopback Snowflake SQL API: the statement sent, and Snowflake's typed cells printed.</summary>
public sealed class ShowOnSnowflakeTests
{
    [Fact]
    public async Task A_model_is_read_from_its_relation_with_the_limit_in_the_statement()
    {
        await using var server = await SnowflakeSqlApiServer.StartAsync();
        using var project = SnowflakeSample.Project(server);
        server.AnswerWhenContains("lower('account_overview')", SnowflakeSample.Count("1"));
        server.AnswerWhenContains("SELECT * FROM \"ANALYTICS\".\"PIPES\".\"ACCOUNT_OVERVIEW\"", new FakeResult(
            [new("ACCOUNT_ID", "text"), new("MEMBERS", "fixed", 0, 18), new("MRR", "fixed", 2, 10), new("SEEN_AT", "timestamp_ntz", 9)],
            [["acct_1", "6", "12.50", "1709251200.000000000"], ["acct_2", "7", null, "1709251201.500000000"], ["acct_3", "1", "0.00", null]]));

        var (code, stdout, stderr) = ShowTests.Show(project, new ShowRequest("account_overview", null, Limit: 2));

        code.ShouldBe(0, stdout + stderr);
        SnowflakeSample.Submitted(server).ShouldContain("SELECT * FROM \"ANALYTICS\".\"PIPES\".\"ACCOUNT_OVERVIEW\"\nLIMIT 3");
        stdout.ShouldBe("""
            | ACCOUNT_ID | MEMBERS | MRR   | SEEN_AT               |
            | ---------- | ------- | ----- | --------------------- |
            | acct_1     |       6 | 12.50 | 2024-03-01 00:00:00   |
            | acct_2     |       7 |  NULL | 2024-03-01 00:00:01.5 |
            showing the first 2 rows of account_overview; it has more (raise --limit to see them)

            """);
    }

    [Fact]
    public async Task An_inline_query_is_wrapped_and_json_refuses_a_column_name_twice()
    {
        await using var server = await SnowflakeSqlApiServer.StartAsync();
        using var project = SnowflakeSample.Project(server);
        server.AnswerWhenContains("AS pipes_show", new FakeResult([new("A", "fixed", 0, 18), new("A", "fixed", 0, 18)], [["1", "2"]]));

        var (code, _, stderr) = ShowTests.Show(project, new ShowRequest(null, "select 1 as a, 2 as a from {{ ref \"stg_events\" }}", Format: "json"));

        SnowflakeSample.Submitted(server).ShouldContain("SELECT * FROM (\nselect 1 as a, 2 as a from \"ANALYTICS\".\"PIPES\".\"STG_EVENTS\"\n) AS pipes_show\nLIMIT 11");
        code.ShouldBe(ExitCodes.Failure);
        stderr.ShouldContain("error PIPES1014: column 'A' appears 2 times, and JSON rows are keyed by column; give each column its own alias, or use --output table or csv");
    }
}
