using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Pipes.Tests.TestKit;

public sealed partial class SnowflakeSqlApiServer
{
    private static readonly string JwtInvalid = ScriptStep.ErrorBody("390144", "", "JWT token is invalid.");

    /// <summary>Null when the request may proceed, else the 401 body Snowflake would send.</summary>
    private string? Authenticate(RecordedRequest request)
    {
        var authorization = request.Header("Authorization") ?? "";
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal)) return JwtInvalid;
        var token = authorization["Bearer ".Length..];
        if (ExpectedBearer is not null)
        {
            return token == ExpectedBearer && request.Header("X-Snowflake-Authorization-Token-Type") == ExpectedTokenType
                ? null
                : ScriptStep.ErrorBody("390303", "", "Invalid OAuth access token.");
        }
        if (TrustedKey is null) return null;
        if (request.Header("X-Snowflake-Authorization-Token-Type") != "KEYPAIR_JWT") return JwtInvalid;
        var claims = VerifyJwt(token);
        if (claims is null) return JwtInvalid;
        VerifiedJwtClaims.Enqueue(claims);
        return null;
    }

    private JsonObject? VerifyJwt(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return null;
        var header = JsonNode.Parse(FromBase64Url(parts[0]))!.AsObject();
        if ((string?)header["alg"] != "RS256") return null;
        var signed = Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}");
        if (!TrustedKey!.VerifyData(signed, FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)) return null;

        var claims = JsonNode.Parse(FromBase64Url(parts[1]))!.AsObject();
        var qualifiedUser = $"{Account.ToUpperInvariant()}.{User.ToUpperInvariant()}";
        var fingerprint = "SHA256:" + Convert.ToBase64String(SHA256.HashData(TrustedKey.ExportSubjectPublicKeyInfo()));
        var iat = (long)claims["iat"]!;
        var exp = (long)claims["exp"]!;
        var valid = (string?)claims["iss"] == $"{qualifiedUser}.{fingerprint}"
            && (string?)claims["sub"] == qualifiedUser
            && exp > iat && exp - iat <= 3600
            && (RejectJwtsIssuedBefore is null || iat >= RejectJwtsIssuedBefore.Value.ToUnixTimeSeconds());
        return valid ? claims : null;
    }

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }
}
