using System.Text;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Snowflake;

/// <summary><c>pipes seed --target prod</c> against the loopback SQL API: the rows go as bounded INSERT chunks.</summary>
public sealed class SnowflakeSeedTests
{
    private const int Rows = 2_500;
    private const string Count = "SELECT COUNT(*) FROM \"ANALYTICS\".\"PIPES\".\"WIDE__PIPES_STAGE\"";

    [Fact]
    public async Task A_seed_larger_than_one_chunk_is_sent_as_several_bounded_statements_holding_every_row_once()
    {
        await using var server = await SnowflakeSqlApiServer.StartAsync();
        using var project = WideSeedProject(server);
        server.Results[Count] = FakeResult.Single("COUNT(*)", "fixed", Rows.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var (code, stdout, stderr) = project.Run("seed");

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        var chunks = Submitted(server).Where(s => s.StartsWith("INSERT INTO \"ANALYTICS\".\"PIPES\".\"WIDE__PIPES_STAGE\"", StringComparison.Ordinal)).ToList();
        // 1,000 rows of ~300 bytes exceed 256 KiB, so each 1,000-row chunk is halved: several statements, each bounded.
        chunks.Count.ShouldBeGreaterThan(Rows / 1000);
        chunks.ShouldAllBe(sql => Encoding.UTF8.GetByteCount(sql) <= 256 * 1024);
        chunks.ShouldAllBe(sql => server.Executions(sql) == 1);
        var lines = chunks.SelectMany(sql => sql.Split('\n').Where(l => l.StartsWith("  (", StringComparison.Ordinal)))
            .Select(l => int.Parse(l[3..l.IndexOf(',')], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        lines.Count.ShouldBe(Rows);
        lines.ShouldBe(Enumerable.Range(2, Rows).ToList()); // every CSV line once, in order
        Submitted(server).ShouldContain(s => s.StartsWith("CREATE OR REPLACE TABLE \"ANALYTICS\".\"PIPES\".\"WIDE\" AS", StringComparison.Ordinal) && s.Contains("FROM \"ANALYTICS\".\"PIPES\".\"WIDE__PIPES_STAGE\""));
        Submitted(server).Last(s => !s.StartsWith("SELECT", StringComparison.Ordinal) && !s.StartsWith("INSERT INTO \"ANALYTICS\".\"PIPES\".\"PIPES_", StringComparison.Ordinal))
            .ShouldBe("DROP TABLE IF EXISTS \"ANALYTICS\".\"PIPES\".\"WIDE__PIPES_STAGE\"");
    }

    [Fact]
    public async Task A_row_count_that_differs_from_the_csv_fails_the_seed()
    {
        await using var server = await SnowflakeSqlApiServer.StartAsync();
        using var project = WideSeedProject(server);
        server.Results[Count] = FakeResult.Single("COUNT(*)", "fixed", "2499");

        var (code, stdout, stderr) = project.Run("seed");

        code.ShouldBe(ExitCodes.Failure);
        (stdout + stderr).ShouldContain("seeds/wide.csv has 2,500 rows but 2,499 were staged");
    }

    [Fact]
    public async Task A_row_too_large_for_one_statement_fails_the_seed_at_its_line()
    {
        await using var server = await SnowflakeSqlApiServer.StartAsync();
        using var project = WideSeedProject(server);
        project.Write("seeds/wide.csv", "id,payload\n1,small\n2," + new string('x', 300_000) + "\n");

        var (code, stdout, stderr) = project.Run("seed");

        code.ShouldBe(ExitCodes.Failure);
        (stdout + stderr).ShouldContain("seeds/wide.csv line 3: the row is larger than 262,144 bytes as SQL");
        Submitted(server).ShouldNotContain(s => s.StartsWith("INSERT INTO \"ANALYTICS\".\"PIPES\".\"WIDE\"", StringComparison.Ordinal));
        Submitted(server).Last().ShouldBe("DROP TABLE IF EXISTS \"ANALYTICS\".\"PIPES\".\"WIDE__PIPES_STAGE\"");
    }

    private static List<string> Submitted(SnowflakeSqlApiServer server) =>
        server.Requests.Where(r => r.IsSubmit && r.QueryValue("retry") is null).Select(r => r.Json!["statement"]!.GetValue<string>()).ToList();

    private static TestProject WideSeedProject(SnowflakeSqlApiServer server)
    {
        server.TrustedKey = SnowflakeTestKeys.Key;
        var csv = new StringBuilder("id,payload\n");
        for (var i = 1; i <= Rows; i++) csv.Append(i).Append(',').Append(new string((char)('a' + i % 26), 300)).Append('\n');
        var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: seeds_demo\nprofile: p\n",
            ["profiles.yml"] = $$$"""
                p:
                  target: prod
                  outputs:
                    prod:
                      type: snowflake
                      account: {{{SnowflakeSqlApiServer.Account}}}
                      user: {{{SnowflakeSqlApiServer.User}}}
                      private_key: "{{ env_var 'SNOWFLAKE_PRIVATE_KEY' }}"
                      database: ANALYTICS
                      schema: PIPES
                      host: 127.0.0.1
                      port: {{{server.Port}}}
                      protocol: http
                """,
            ["seeds/wide.csv"] = csv.ToString(),
        });
        project.Environment["SNOWFLAKE_PRIVATE_KEY"] = SnowflakeTestKeys.Pem;
        return project;
    }
}
