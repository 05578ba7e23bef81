using Microsoft.Extensions.Time.Testing;
using Pipes.Core.Targets;
using Pipes.Core.Targets.Snowflake;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Snowflake;

public class SnowflakeAuthAndCancelTests : IAsyncLifetime
{
    private static readonly StatementContext Context = StatementContext.Adhoc("acme");
    private SnowflakeSqlApiServer _server = null!;

    public async Task InitializeAsync() => _server = await SnowflakeSqlApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Cached_jwt_is_reused_then_reminted_after_a_401()
    {
        _server.TrustedKey = SnowflakeTestKeys.Key;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var target = SnowflakeTarget.Create(_server.Settings(privateKey: SnowflakeTestKeys.Pem), time, retry: SnowflakeTestKeys.Fast);

        await target.ExecuteAsync("select 1", Context, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(10));
        await target.ExecuteAsync("select 1", Context, CancellationToken.None);
        // Snowflake now refuses the cached token (as after a clock skew or key rotation): one re-mint, one resend.
        _server.RejectJwtsIssuedBefore = time.GetUtcNow();
        var result = await target.ExecuteAsync("select 2", Context, CancellationToken.None);

        result.Rows.Count.ShouldBe(1);
        var tokens = _server.Requests.Select(r => r.Header("Authorization")).ToList();
        tokens.Count.ShouldBe(4);
        tokens[1].ShouldBe(tokens[0]); // reused within its lifetime
        tokens[3].ShouldNotBe(tokens[2]); // re-minted after the 401
        _server.Requests[3].QueryValue("retry").ShouldBe("true");
        _server.Executions("select 2").ShouldBe(1);
    }

    [Fact]
    public async Task Jwt_signed_by_an_unregistered_key_fails_with_390144_and_no_secret_in_the_message()
    {
        _server.TrustedKey = SnowflakeTestKeys.OtherKey;
        await using var target = SnowflakeTarget.Create(_server.Settings(privateKey: SnowflakeTestKeys.Pem), retry: SnowflakeTestKeys.Fast);

        var e = await Should.ThrowAsync<TargetException>(() => target.ExecuteAsync("select 1", Context, CancellationToken.None));

        e.Code.ShouldBe("390144");
        _server.Requests.Count.ShouldBe(2); // the first try and one re-mint, no more
        e.ToString().ShouldNotContain("Bearer");
        e.ToString().ShouldNotContain(_server.Requests[0].Header("Authorization")!["Bearer ".Length..]);
    }

    [Theory]
    [InlineData("pat", "PROGRAMMATIC_ACCESS_TOKEN")]
    [InlineData("oauth", "OAUTH")]
    public async Task Token_authenticators_send_the_token_and_its_type(string authenticator, string tokenType)
    {
        _server.ExpectedBearer = "tok-" + authenticator;
        _server.ExpectedTokenType = tokenType;
        await using var target = SnowflakeTarget.Create(_server.Settings(authenticator, token: "tok-" + authenticator), retry: SnowflakeTestKeys.Fast);

        await target.ExecuteAsync("select 1", Context, CancellationToken.None);

        var request = _server.Requests.Single();
        request.Header("Authorization").ShouldBe("Bearer tok-" + authenticator);
        request.Header("X-Snowflake-Authorization-Token-Type").ShouldBe(tokenType);
    }

    [Fact]
    public async Task Bad_token_fails_once_without_retry_and_without_echoing_the_token()
    {
        _server.ExpectedBearer = "the-right-token";
        _server.ExpectedTokenType = "PROGRAMMATIC_ACCESS_TOKEN";
        await using var target = SnowflakeTarget.Create(_server.Settings("pat", token: "a-wrong-token-123"), retry: SnowflakeTestKeys.Fast);

        var e = await Should.ThrowAsync<TargetException>(() => target.ExecuteAsync("select 1", Context, CancellationToken.None));

        e.Code.ShouldBe("390303");
        _server.Requests.Count.ShouldBe(1);
        e.ToString().ShouldNotContain("a-wrong-token-123");
    }

    [Fact]
    public async Task Cancelling_a_running_statement_calls_the_cancel_endpoint()
    {
        _server.Script.Enqueue(ScriptStep.Accept());
        _server.PollsBeforeReady = int.MaxValue;
        await using var target = SnowflakeTarget.Create(_server.Settings("pat", token: "t"), retry: SnowflakeTestKeys.Fast);
        using var cts = new CancellationTokenSource();

        var run = target.ExecuteAsync("select system$wait(100)", Context, cts.Token);
        while (!_server.Requests.Any(r => r.IsPoll)) await Task.Delay(5);
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => run);
        var handle = _server.Requests.First(r => r.IsPoll).Path.Split('/')[^1];
        _server.Requests.ShouldContain(r => r.IsCancel && r.Path == $"/api/v2/statements/{handle}/cancel");
    }

    [Fact]
    public async Task Poll_backoff_waits_on_the_injected_time_provider()
    {
        _server.Script.Enqueue(ScriptStep.Accept());
        _server.PollsBeforeReady = 1;
        var time = new FakeTimeProvider();
        var slow = SnowflakeTestKeys.Fast with { PollBaseDelay = TimeSpan.FromSeconds(30), PollMaxDelay = TimeSpan.FromSeconds(30) };
        await using var target = SnowflakeTarget.Create(_server.Settings("pat", token: "t"), time, randomizer: () => 0.5, retry: slow);

        var run = target.ExecuteAsync("select 1", Context, CancellationToken.None);
        while (!_server.Requests.Any(r => r.IsPoll)) await Task.Delay(5);
        await Task.Delay(50);
        run.IsCompleted.ShouldBeFalse(); // waiting 30 s of fake time for the second poll
        _server.Requests.Count(r => r.IsPoll).ShouldBe(1);

        time.Advance(TimeSpan.FromMinutes(5));
        (await run).Rows.Count.ShouldBe(1);
        _server.Requests.Count(r => r.IsPoll).ShouldBe(2);
    }
}
