using System.Security.Cryptography;
using Pipes.Core.Targets.Snowflake;

namespace Pipes.Tests.Snowflake;

/// <summary>Test keys made at run time (never checked in) and near-zero backoff so retry tests take milliseconds.</summary>
internal static class SnowflakeTestKeys
{
    public static readonly RSA Key = RSA.Create(2048);
    public static readonly RSA OtherKey = RSA.Create(2048);

    public static string Pem => Key.ExportPkcs8PrivateKeyPem();

    public static readonly SqlApiRetryOptions Fast = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        PollBaseDelay = TimeSpan.FromMilliseconds(1),
        PollMaxDelay = TimeSpan.FromMilliseconds(5),
        HttpTimeout = TimeSpan.FromSeconds(10),
    };

    public static string Fingerprint(RSA key) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
}
