namespace Pipes.Core.Targets.Snowflake;

/// <summary>
/// A Snowflake output of profiles.yml after env_var rendering. Secrets (private key, passphrase, token) are held here
/// only to authenticate; they never reach logs, compiled SQL, manifests or run results.
/// </summary>
public sealed record SnowflakeSettings
{
    public required string Account { get; init; }
    public required string User { get; init; }
    /// <summary><c>keypair</c> (default), <c>pat</c> or <c>oauth</c>.</summary>
    public string Authenticator { get; init; } = "keypair";
    public string? PrivateKeyPath { get; init; }
    /// <summary>Inline PKCS#8 PEM, as an alternative to <see cref="PrivateKeyPath"/>.</summary>
    public string? PrivateKey { get; init; }
    public string? PrivateKeyPassphrase { get; init; }
    /// <summary>Programmatic access token or OAuth token, by <see cref="Authenticator"/>.</summary>
    public string? Token { get; init; }
    public string? Role { get; init; }
    public string? Warehouse { get; init; }
    public string? Database { get; init; }
    public string? Schema { get; init; }
    /// <summary>Overrides <c>&lt;account&gt;.snowflakecomputing.com</c>; with port and protocol, tests aim at loopback.</summary>
    public string? Host { get; init; }
    public int? Port { get; init; }
    public string Protocol { get; init; } = "https";
    /// <summary>Statement timeout in seconds sent with every statement.</summary>
    public int StatementTimeoutSeconds { get; init; } = 3600;

    /// <summary>Prints every field but the secrets, which show only whether they are set.</summary>
    public override string ToString() =>
        $"SnowflakeSettings {{ Account = {Account}, User = {User}, Authenticator = {Authenticator}, " +
        $"PrivateKeyPath = {PrivateKeyPath}, PrivateKey = {Redact(PrivateKey)}, PrivateKeyPassphrase = {Redact(PrivateKeyPassphrase)}, " +
        $"Token = {Redact(Token)}, Role = {Role}, Warehouse = {Warehouse}, Database = {Database}, Schema = {Schema}, " +
        $"Host = {Host}, Port = {Port}, Protocol = {Protocol}, StatementTimeoutSeconds = {StatementTimeoutSeconds} }}";

    private static string Redact(string? secret) => string.IsNullOrEmpty(secret) ? "(not set)" : "***";
}
