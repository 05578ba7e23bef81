using System.Security.Cryptography;

namespace Pipes.Core.Targets.Snowflake;

/// <summary>Supplies the bearer token and its type header; key-pair tokens are minted, cached and re-minted.</summary>
internal abstract class SnowflakeTokenSource : IDisposable
{
    /// <summary>The value of <c>X-Snowflake-Authorization-Token-Type</c>.</summary>
    public abstract string TokenType { get; }

    /// <summary>Whether a 401 is worth one more try with a fresh token.</summary>
    public abstract bool CanRefresh { get; }

    public abstract string GetToken();

    /// <summary>Drops the cached token so the next <see cref="GetToken"/> mints a new one.</summary>
    public virtual void Invalidate() { }

    public virtual void Dispose() { }

    public static SnowflakeTokenSource Create(SnowflakeSettings settings, TimeProvider time)
    {
        switch (settings.Authenticator.Trim().ToLowerInvariant())
        {
            case "keypair" or "snowflake_jwt" or "jwt":
                return new KeyPairTokenSource(SnowflakeKeyLoader.Load(settings), settings.Account, settings.User, time);
            case "pat" or "programmatic_access_token":
                return new StaticTokenSource(RequireToken(settings), "PROGRAMMATIC_ACCESS_TOKEN");
            case "oauth":
                return new StaticTokenSource(RequireToken(settings), "OAUTH");
            default:
                throw new TargetException(
                    $"Unknown authenticator '{settings.Authenticator}'; use keypair, pat or oauth.",
                    code: SnowflakeClientCodes.SettingsInvalid);
        }
    }

    private static string RequireToken(SnowflakeSettings settings) =>
        string.IsNullOrWhiteSpace(settings.Token)
            ? throw new TargetException(
                $"Authenticator '{settings.Authenticator}' needs a token (set token, e.g. from env_var).",
                code: SnowflakeClientCodes.SettingsInvalid)
            : settings.Token.Trim();

    private sealed class StaticTokenSource(string token, string tokenType) : SnowflakeTokenSource
    {
        public override string TokenType => tokenType;
        public override bool CanRefresh => false;
        public override string GetToken() => token;
    }

    private sealed class KeyPairTokenSource(RSA key, string account, string user, TimeProvider time) : SnowflakeTokenSource
    {
        // Re-mint a little before expiry so a token never dies in flight.
        private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);
        private readonly Lock _gate = new();
        private string? _token;
        private DateTimeOffset _expires;

        public override string TokenType => "KEYPAIR_JWT";
        public override bool CanRefresh => true;

        public override string GetToken()
        {
            lock (_gate)
            {
                var now = time.GetUtcNow();
                if (_token is null || now >= _expires - RenewBefore)
                {
                    _token = KeyPairJwt.Create(key, account, user, now, KeyPairJwt.DefaultLifetime);
                    _expires = now + KeyPairJwt.DefaultLifetime;
                }
                return _token;
            }
        }

        public override void Invalidate()
        {
            lock (_gate) _token = null;
        }

        public override void Dispose() => key.Dispose();
    }
}
