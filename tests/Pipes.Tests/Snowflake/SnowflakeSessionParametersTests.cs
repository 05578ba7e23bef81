using Pipes.Core.Dialects;
using Pipes.Core.Targets;
using Pipes.Core.Targets.Snowflake;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Snowflake;

/// <summary>Every SQL API request pins the session parameters the compiled SQL relies on.</summary>
public sealed class SnowflakeSessionParametersTests : IAsyncLifetime
{
    /// <summary>Written out, not read from the code: dropping or changing one must fail here.</summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["TIMEZONE"] = "UTC",
        ["DATE_OUTPUT_FORMAT"] = "YYYY-MM-DD",
        ["TIME_OUTPUT_FORMAT"] = "HH24:MI:SS.FF9",
        ["TIMESTAMP_OUTPUT_FORMAT"] = "YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM",
        ["TIMESTAMP_NTZ_OUTPUT_FORMAT"] = "YYYY-MM-DD HH24:MI:SS.FF9",
        ["TIMESTAMP_LTZ_OUTPUT_FORMAT"] = "YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM",
        ["TIMESTAMP_TZ_OUTPUT_FORMAT"] = "YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM",
        ["BINARY_OUTPUT_FORMAT"] = "HEX",
    };

    private SnowflakeSqlApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await SnowflakeSqlApiServer.StartAsync();
        _server.TrustedKey = SnowflakeTestKeys.Key;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Every_submitted_statement_carries_every_pinned_parameter()
    {
        _server.PollsBeforeReady = 1; // one statement answered 202 first: the poll must not lose anything either
        await using (var target = SnowflakeTarget.Create(_server.Settings(privateKey: SnowflakeTestKeys.Pem), randomizer: () => 0.5, retry: SnowflakeTestKeys.Fast))
        {
            await target.ExecuteAsync("select 1", StatementContext.Adhoc("acme"), CancellationToken.None);
            await target.ExecuteAsync("create table t (x int)", new StatementContext("model.acme.t", "pipes:acme:model.acme.t"), CancellationToken.None);
        }
        _server.Results[SnowflakeConnectionCheck.Query] = new FakeResult(
            [new("CURRENT_VERSION()", "text"), new("CURRENT_ROLE()", "text"), new("CURRENT_WAREHOUSE()", "text")], [["9.1.0", "TRANSFORMER", "PIPES_WH"]]);
        await new SnowflakeConnectionCheck(_server.Settings(privateKey: SnowflakeTestKeys.Pem), retry: SnowflakeTestKeys.Fast).RunAsync(CancellationToken.None);

        var submits = _server.Requests.Where(r => r.IsSubmit).ToList();
        submits.Count.ShouldBeGreaterThanOrEqualTo(3);
        foreach (var submit in submits)
        {
            var parameters = submit.Json!["parameters"]!.AsObject();
            foreach (var (name, value) in Expected) ((string?)parameters[name]).ShouldBe(value, $"{name} on {(string?)submit.Json["statement"]}");
        }
    }

    [Theory]
    [InlineData("TIMESTAMP_NTZ_OUTPUT_FORMAT", "2026-07-01 12:34:56.123456")]
    [InlineData("TIMESTAMP_TZ_OUTPUT_FORMAT", "2026-07-01 10:34:56.123456")]
    [InlineData("TIMESTAMP_LTZ_OUTPUT_FORMAT", "2026-07-01 10:34:56.123456")]
    [InlineData("DATE_OUTPUT_FORMAT", "2026-07-01 00:00:00")]
    public async Task What_Snowflake_prints_under_the_pinned_formats_is_an_accepted_datetime(string parameter, string utc)
    {
        var format = SnowflakeSessionParameters.Pinned.Single(p => p.Key == parameter).Value;
        // The text Snowflake would print for 2026-07-01 12:34:56.123456789 at +02:00 (format elements replaced by hand).
        var text = format.Replace("YYYY", "2026").Replace("MM", "07").Replace("DD", "01").Replace("HH24", "12").Replace("MI", "34")
            .Replace("SS", "56").Replace("FF9", "123456789").Replace("TZH:TZM", "+02:00");

        await using var db = DuckDb.InMemory();
        var value = await db.ScalarAsync($"SELECT CAST({DuckDbDialect.Instance.CoerceDatetime(DuckDbDialect.Instance.StringLiteral(text))} AS VARCHAR)");

        value.ShouldBe(utc, text);
    }
}
