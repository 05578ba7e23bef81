using System.Security.Cryptography;
using Pipes.Core.Targets.Snowflake;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Snowflake;

public class SnowflakeConnectionCheckTests : IAsyncLifetime
{
    private SnowflakeSqlApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await SnowflakeSqlApiServer.StartAsync();
        _server.TrustedKey = SnowflakeTestKeys.Key;
        _server.Results[SnowflakeConnectionCheck.Query] = new FakeResult(
            [new("CURRENT_VERSION()", "text"), new("CURRENT_ROLE()", "text"), new("CURRENT_WAREHOUSE()", "text")],
            [["9.1.0", "TRANSFORMER", "PIPES_WH"]]);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<IReadOnlyList<ConnectionFinding>> CheckAsync(SnowflakeSettings settings) =>
        new SnowflakeConnectionCheck(settings, retry: SnowflakeTestKeys.Fast).RunAsync(CancellationToken.None);

    private SnowflakeSettings KeyPair => _server.Settings(privateKey: SnowflakeTestKeys.Pem);

    [Fact]
    public async Task Healthy_connection_reports_only_ok_findings()
    {
        var findings = await CheckAsync(KeyPair);

        findings.ShouldAllBe(f => f.Status == FindingStatus.Ok);
        findings.ShouldContain(f => f.Check == "key" && f.Message.Contains(SnowflakeTestKeys.Fingerprint(SnowflakeTestKeys.Key)));
        findings.ShouldContain(f => f.Check == "connect" && f.Message.Contains("9.1.0") && f.Message.Contains("TRANSFORMER"));
        findings.ShouldContain(f => f.Check == "warehouse" && f.Message.Contains("PIPES_WH"));
        ((string?)_server.Requests.Single().Json!["statement"]).ShouldBe(SnowflakeConnectionCheck.Query);
    }

    [Fact]
    public async Task Missing_key_file()
    {
        var finding = Problem(await CheckAsync(KeyPair with { PrivateKey = null, PrivateKeyPath = "/nonexistent/rsa_key.p8" }));

        finding.Check.ShouldBe("key");
        finding.Message.ShouldContain("/nonexistent/rsa_key.p8");
        finding.Fix!.ShouldContain("openssl");
        _server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Unreadable_key_file()
    {
        // A directory in place of the file cannot be read, even by root (chmod 000 would not stop root).
        var path = Directory.CreateTempSubdirectory("pipes-key-").FullName;
        try
        {
            var finding = Problem(await CheckAsync(KeyPair with { PrivateKey = null, PrivateKeyPath = path }));
            finding.Check.ShouldBe("key");
            finding.Fix!.ShouldContain("readable");
        }
        finally
        {
            Directory.Delete(path);
        }
    }

    [Fact]
    public async Task Wrong_passphrase()
    {
        var pem = SnowflakeTestKeys.Key.ExportEncryptedPkcs8PrivateKeyPem("correct horse",
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));

        var finding = Problem(await CheckAsync(KeyPair with { PrivateKey = pem, PrivateKeyPassphrase = "battery staple" }));

        finding.Check.ShouldBe("key");
        finding.Message.ShouldContain("passphrase");
        finding.ToString().ShouldNotContain("battery staple");
    }

    [Fact]
    public async Task Fingerprint_not_registered()
    {
        _server.TrustedKey = SnowflakeTestKeys.OtherKey;

        var finding = Problem(await CheckAsync(KeyPair));

        finding.Check.ShouldBe("auth");
        finding.Message.ShouldContain(SnowflakeTestKeys.Fingerprint(SnowflakeTestKeys.Key));
        finding.Fix!.ShouldContain("ALTER USER PIPES_USER SET RSA_PUBLIC_KEY");
    }

    [Fact]
    public async Task Unknown_account_answering_404()
    {
        _server.Script.Enqueue(ScriptStep.Reply(404, "<html>not found</html>"));

        var finding = Problem(await CheckAsync(KeyPair));

        finding.Check.ShouldBe("connect");
        finding.Message.ShouldContain("myorg-acct");
        finding.Fix!.ShouldContain("orgname-account_name");
    }

    [Fact]
    public async Task Unknown_account_that_does_not_resolve()
    {
        var finding = Problem(await CheckAsync(KeyPair with { Host = "no-such-account.invalid", Port = 443, Protocol = "https" }));

        finding.Check.ShouldBe("connect");
        finding.Fix!.ShouldContain("account identifier");
    }

    [Fact]
    public async Task No_warehouse_in_the_session()
    {
        _server.Results[SnowflakeConnectionCheck.Query] = new FakeResult(
            [new("CURRENT_VERSION()", "text"), new("CURRENT_ROLE()", "text"), new("CURRENT_WAREHOUSE()", "text")],
            [["9.1.0", "TRANSFORMER", null]]);

        var finding = Problem(await CheckAsync(KeyPair));

        finding.Check.ShouldBe("warehouse");
        finding.Fix!.ShouldContain("GRANT USAGE ON WAREHOUSE PIPES_WH TO ROLE TRANSFORMER");
    }

    [Fact]
    public async Task Warehouse_refused_by_snowflake()
    {
        _server.Script.Enqueue(ScriptStep.Reply(422, ScriptStep.ErrorBody("000606", "57P03",
            "No active warehouse selected in the current session.  Select an active warehouse with the 'use warehouse' command.")));

        (await CheckAsync(KeyPair)).Last().Check.ShouldBe("warehouse");
    }

    [Fact]
    public async Task Missing_privilege()
    {
        _server.Script.Enqueue(ScriptStep.Reply(422, ScriptStep.ErrorBody("003001", "42501",
            "SQL access control error:\nInsufficient privileges to operate on database 'ANALYTICS'")));

        var finding = Problem(await CheckAsync(KeyPair));

        finding.Check.ShouldBe("privileges");
        finding.Fix!.ShouldContain("CREATE TABLE");
    }

    [Fact]
    public async Task Bad_token()
    {
        _server.ExpectedBearer = "good";
        _server.ExpectedTokenType = "PROGRAMMATIC_ACCESS_TOKEN";

        var finding = Problem(await CheckAsync(_server.Settings("pat", token: "stale-token-777")));

        finding.Check.ShouldBe("auth");
        finding.ToString().ShouldNotContain("stale-token-777");
    }

    [Fact]
    public async Task Token_authenticator_without_a_token()
    {
        Problem(await CheckAsync(_server.Settings("oauth"))).Check.ShouldBe("auth");
        _server.Requests.ShouldBeEmpty();
    }

    private static ConnectionFinding Problem(IReadOnlyList<ConnectionFinding> findings)
    {
        var problems = findings.Where(f => f.Status == FindingStatus.Problem).ToList();
        problems.Count.ShouldBe(1, string.Join("\n", findings));
        return problems[0];
    }
}
