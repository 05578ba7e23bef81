namespace Pipes.Core.Targets.Snowflake;

/// <summary>
/// Codes Pipes itself puts on <see cref="TargetException.Code"/> for failures before Snowflake answers.
/// Snowflake's own codes are numeric strings (<c>390144</c>), so these never collide.
/// </summary>
public static class SnowflakeClientCodes
{
    public const string SettingsInvalid = "settings_invalid";
    public const string KeyMissing = "key_missing";
    public const string KeyUnreadable = "key_unreadable";
    public const string KeyPassphrase = "key_passphrase";
    public const string KeyFormat = "key_format";
    public const string UnknownHost = "unknown_host";
    public const string Network = "network";
    public const string Protocol = "protocol";
}
