using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Pipes.Core.Targets;
using Pipes.Core.Targets.Snowflake;

namespace Pipes.Tests.Snowflake;

public class KeyPairJwtTests
{
    [Theory]
    [InlineData("myorg-acct", "MYORG-ACCT")]
    [InlineData("xy12345.us-east-1", "XY12345")]
    [InlineData("xy12345.us-east-2.aws", "XY12345")]
    [InlineData("myorg-acct.snowflakecomputing.com", "MYORG-ACCT")]
    [InlineData("testaccount-ab12cd.global", "TESTACCOUNT")]
    public void Account_is_normalised_as_the_official_connectors_do(string account, string expected) =>
        SnowflakeAccount.ForJwt(account).ShouldBe(expected);

    [Fact]
    public void Base_address_defaults_to_snowflakecomputing_with_hyphens_for_underscores()
    {
        SnowflakeAccount.BaseUri(new SnowflakeSettings { Account = "MyOrg-My_Acct", User = "u" })
            .ToString().ShouldBe("https://myorg-my-acct.snowflakecomputing.com/");
        SnowflakeAccount.BaseUri(new SnowflakeSettings { Account = "a", User = "u", Host = "127.0.0.1", Port = 8080, Protocol = "http" })
            .ToString().ShouldBe("http://127.0.0.1:8080/");
    }

    [Fact]
    public void Jwt_has_snowflake_claims_and_a_valid_rs256_signature()
    {
        var now = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var jwt = KeyPairJwt.Create(SnowflakeTestKeys.Key, "xy12345.us-east-1", "pipes_user", now, KeyPairJwt.DefaultLifetime);

        var parts = jwt.Split('.');
        parts.Length.ShouldBe(3);
        jwt.ShouldNotContain("=");
        var header = JsonNode.Parse(FromBase64Url(parts[0]))!;
        ((string?)header["alg"]).ShouldBe("RS256");
        var claims = JsonNode.Parse(FromBase64Url(parts[1]))!;
        ((string?)claims["iss"]).ShouldBe($"XY12345.PIPES_USER.{SnowflakeTestKeys.Fingerprint(SnowflakeTestKeys.Key)}");
        ((string?)claims["sub"]).ShouldBe("XY12345.PIPES_USER");
        ((long)claims["iat"]!).ShouldBe(now.ToUnixTimeSeconds());
        ((long)claims["exp"]! - (long)claims["iat"]!).ShouldBeLessThan(3600);
        SnowflakeTestKeys.Key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), FromBase64Url(parts[2]),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).ShouldBeTrue();
    }

    [Fact]
    public void Encrypted_pkcs8_key_loads_with_its_passphrase_and_gives_the_same_fingerprint()
    {
        var pem = SnowflakeTestKeys.Key.ExportEncryptedPkcs8PrivateKeyPem("s3cret-pass",
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));
        using var key = SnowflakeKeyLoader.Load(new SnowflakeSettings { Account = "a", User = "u", PrivateKey = pem, PrivateKeyPassphrase = "s3cret-pass" });
        SnowflakeKeyLoader.Fingerprint(key).ShouldBe(SnowflakeTestKeys.Fingerprint(SnowflakeTestKeys.Key));
    }

    [Fact]
    public void Key_from_file_and_inline_with_escaped_newlines_both_load()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pipes-{Guid.NewGuid():N}.p8");
        File.WriteAllText(path, SnowflakeTestKeys.Pem);
        try
        {
            using var fromFile = SnowflakeKeyLoader.Load(new SnowflakeSettings { Account = "a", User = "u", PrivateKeyPath = path });
            using var inline = SnowflakeKeyLoader.Load(new SnowflakeSettings { Account = "a", User = "u", PrivateKey = SnowflakeTestKeys.Pem.Replace("\n", "\\n") });
            SnowflakeKeyLoader.Fingerprint(fromFile).ShouldBe(SnowflakeKeyLoader.Fingerprint(inline));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Wrong_passphrase_is_reported_without_leaking_it()
    {
        var pem = SnowflakeTestKeys.Key.ExportEncryptedPkcs8PrivateKeyPem("right-one",
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));
        var e = Should.Throw<TargetException>(() =>
            SnowflakeKeyLoader.Load(new SnowflakeSettings { Account = "a", User = "u", PrivateKey = pem, PrivateKeyPassphrase = "wrong-one" }));
        e.Code.ShouldBe(SnowflakeClientCodes.KeyPassphrase);
        e.ToString().ShouldNotContain("wrong-one");
        e.ToString().ShouldNotContain("right-one");
        e.ToString().ShouldNotContain(pem[40..80]);
    }

    [Fact]
    public void Settings_ToString_redacts_secrets()
    {
        var settings = new SnowflakeSettings
        {
            Account = "myorg-acct", User = "u", PrivateKey = SnowflakeTestKeys.Pem, PrivateKeyPassphrase = "pass-phrase-123", Token = "tok-abc-999",
        };
        var text = settings.ToString();
        text.ShouldContain("myorg-acct");
        text.ShouldNotContain("pass-phrase-123");
        text.ShouldNotContain("tok-abc-999");
        text.ShouldNotContain("PRIVATE KEY");
        text.ShouldContain("Token = ***");
    }

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }
}
