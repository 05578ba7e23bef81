using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Pipes.Core.Targets.Snowflake;

/// <summary>Builds the RS256 JWT Snowflake accepts for key-pair authentication, by hand (no JWT package).</summary>
public static class KeyPairJwt
{
    /// <summary>Snowflake refuses tokens that live an hour or more.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(59);

    public static string Create(RSA key, string account, string user, DateTimeOffset issuedAt, TimeSpan lifetime)
    {
        var qualifiedUser = $"{SnowflakeAccount.ForJwt(account)}.{user.Trim().ToUpperInvariant()}";
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "RS256", ["typ"] = "JWT" });
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = $"{qualifiedUser}.{SnowflakeKeyLoader.Fingerprint(key)}",
            ["sub"] = qualifiedUser,
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = issuedAt.Add(lifetime).ToUnixTimeSeconds(),
        });
        var signingInput = $"{Base64Url(header)}.{Base64Url(payload)}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    internal static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
