using Pipes.Core.Run;
using Pipes.Core.Run.Targets.Snowflake;

namespace Pipes.Tests.Snowflake;

/// <summary>Acceptance against a real account; skipped (visibly) unless the SNOWFLAKE_* variables are set.</summary>
public class SnowflakeLiveTests
{
    private static readonly StatementContext Context = new("adhoc", "pipes:live-test:adhoc");

    private static SnowflakeSettings FromEnvironment()
    {
        static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
        var token = Env("SNOWFLAKE_TOKEN");
        return new SnowflakeSettings
        {
            Account = Env("SNOWFLAKE_ACCOUNT")!,
            User = Env("SNOWFLAKE_USER")!,
            Authenticator = Env("SNOWFLAKE_AUTHENTICATOR") ?? (Env("SNOWFLAKE_PRIVATE_KEY_PATH") is null && token is not null ? "pat" : "keypair"),
            PrivateKeyPath = Env("SNOWFLAKE_PRIVATE_KEY_PATH"),
            PrivateKeyPassphrase = Env("SNOWFLAKE_PRIVATE_KEY_PASSPHRASE"),
            Token = token,
            Role = Env("SNOWFLAKE_ROLE"),
            Warehouse = Env("SNOWFLAKE_WAREHOUSE"),
            Database = Env("SNOWFLAKE_DATABASE"),
            Schema = Env("SNOWFLAKE_SCHEMA"),
            StatementTimeoutSeconds = 120,
        };
    }

    [LiveSnowflakeFact]
    public async Task Select_one()
    {
        await using var target = SnowflakeTarget.Create(FromEnvironment());

        var result = await target.ExecuteAsync("SELECT 1 AS ONE", Context, CancellationToken.None);

        result.Columns.ShouldBe(["ONE"]);
        result.Rows.Single().ShouldBe(new object?[] { 1L });
        result.QueryId.ShouldNotBeNullOrEmpty();
    }

    [LiveSnowflakeFact]
    public async Task Scripting_block_returns_its_value()
    {
        await using var target = SnowflakeTarget.Create(FromEnvironment());
        const string block = "EXECUTE IMMEDIATE $$\nDECLARE\n  n INTEGER DEFAULT 0;\nBEGIN\n  FOR i IN 1 TO 3 DO\n    n := n + i;\n  END FOR;\n  RETURN n;\nEND;\n$$";

        var result = await target.ExecuteAsync(block, Context, CancellationToken.None);

        result.Rows.Single()[0]?.ToString().ShouldBe("6");
    }

    [LiveSnowflakeFact]
    public async Task Connection_check_passes()
    {
        var findings = await new SnowflakeConnectionCheck(FromEnvironment()).RunAsync(CancellationToken.None);

        findings.Where(f => f.Status == FindingStatus.Problem).ShouldBeEmpty(string.Join("\n", findings));
    }
}
