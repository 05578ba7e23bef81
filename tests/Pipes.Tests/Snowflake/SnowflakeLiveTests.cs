using Pipes.Core.Targets;
using Pipes.Core.Targets.Snowflake;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

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

    /// <summary>
    /// The acceptance test of issue 13: the sample built on the account and on DuckDB gives the same identity and
    /// property tables, row for row (<c>pipes parity --target prod --with local --build</c>).
    /// </summary>
    [LiveSnowflakeFact]
    public void Sample_on_snowflake_equals_the_duckdb_build()
    {
        var s = FromEnvironment();
        // Secrets stay in the environment: profiles.yml names the variables, never their values.
        string Line(string key, string? value, string variable) => value is null ? "" : $"\n      {key}: \"{{{{ env_var '{variable}' }}}}\"";
        using var project = TestProject.CopyOfSample().Write("profiles.yml",
            "acme:\n  target: prod\n  outputs:\n    local: {type: duckdb, path: target/local.duckdb}\n    prod:\n      type: snowflake"
            + Line("account", s.Account, "SNOWFLAKE_ACCOUNT") + Line("user", s.User, "SNOWFLAKE_USER")
            + $"\n      authenticator: {s.Authenticator}"
            + Line("private_key_path", s.PrivateKeyPath, "SNOWFLAKE_PRIVATE_KEY_PATH") + Line("private_key_passphrase", s.PrivateKeyPassphrase, "SNOWFLAKE_PRIVATE_KEY_PASSPHRASE")
            + Line("token", s.Token, "SNOWFLAKE_TOKEN") + Line("role", s.Role, "SNOWFLAKE_ROLE") + Line("warehouse", s.Warehouse, "SNOWFLAKE_WAREHOUSE")
            + Line("database", s.Database, "SNOWFLAKE_DATABASE") + Line("schema", s.Schema, "SNOWFLAKE_SCHEMA") + "\n");
        foreach (var name in new[] { "SNOWFLAKE_ACCOUNT", "SNOWFLAKE_USER", "SNOWFLAKE_PRIVATE_KEY_PATH", "SNOWFLAKE_PRIVATE_KEY_PASSPHRASE", "SNOWFLAKE_TOKEN", "SNOWFLAKE_ROLE", "SNOWFLAKE_WAREHOUSE", "SNOWFLAKE_DATABASE", "SNOWFLAKE_SCHEMA" })
            if (Environment.GetEnvironmentVariable(name) is { } value) project.Environment[name] = value;

        var (code, stdout, stderr) = project.Invoke((o, output) => ParityTask.ExecuteAsync(o, "local", build: true, output, CancellationToken.None).GetAwaiter().GetResult());

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        stdout.ShouldContain("parity: all 6 tables equal row for row");
    }

    [LiveSnowflakeFact]
    public async Task Connection_check_passes()
    {
        var findings = await new SnowflakeConnectionCheck(FromEnvironment()).RunAsync(CancellationToken.None);

        findings.Where(f => f.Status == FindingStatus.Problem).ShouldBeEmpty(string.Join("\n", findings));
    }
}
