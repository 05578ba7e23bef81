namespace Pipes.Core.Targets.Snowflake;

/// <summary>Account identifier rules shared by the JWT claims and the base address.</summary>
public static class SnowflakeAccount
{
    /// <summary>
    /// The account as the JWT claims name it, as the official connectors derive it: upper-case, cut at the first
    /// <c>.</c> (a locator's region), or at the first <c>-</c> for <c>.global</c> (replication) hosts.
    /// </summary>
    public static string ForJwt(string account)
    {
        var trimmed = account.Trim();
        if (trimmed.EndsWith(".snowflakecomputing.com", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[..^".snowflakecomputing.com".Length];
        }
        var cut = trimmed.Contains(".global", StringComparison.OrdinalIgnoreCase) ? '-' : '.';
        var end = trimmed.IndexOf(cut);
        return (end >= 0 ? trimmed[..end] : trimmed).ToUpperInvariant();
    }

    /// <summary>
    /// <c>https://&lt;account&gt;.snowflakecomputing.com</c>, or host/port/protocol from the profile when given.
    /// Underscores become hyphens because they are not valid in host names (Snowflake's documented URL form).
    /// </summary>
    public static Uri BaseUri(SnowflakeSettings settings)
    {
        var host = string.IsNullOrWhiteSpace(settings.Host)
            ? HostFor(settings.Account)
            : settings.Host.Trim();
        var protocol = string.IsNullOrWhiteSpace(settings.Protocol) ? "https" : settings.Protocol.Trim().ToLowerInvariant();
        var builder = new UriBuilder(protocol, host) { Port = settings.Port ?? -1 };
        return builder.Uri;
    }

    private static string HostFor(string account)
    {
        var name = account.Trim().ToLowerInvariant();
        if (name.EndsWith(".snowflakecomputing.com", StringComparison.Ordinal)) return name;
        return name.Replace('_', '-') + ".snowflakecomputing.com";
    }
}
