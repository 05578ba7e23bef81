namespace Pipes.Core.Targets.Snowflake;

/// <summary>Turns a failed connection attempt into a plain-language finding with what to do next.</summary>
internal static class SnowflakeFailureAdvice
{
    private const string KeyHowTo =
        "Make one with: openssl genrsa 2048 | openssl pkcs8 -topk8 -inform PEM -out rsa_key.p8 -nocrypt";

    public static ConnectionFinding Explain(TargetException e, SnowflakeSettings settings, string? fingerprint)
    {
        var user = settings.User.ToUpperInvariant();
        var message = e.Message;
        return e.Code switch
        {
            SnowflakeClientCodes.KeyMissing => ConnectionFinding.Problem("key", message,
                $"Set private_key_path to your .p8 file (or private_key inline). {KeyHowTo}"),
            SnowflakeClientCodes.KeyUnreadable => ConnectionFinding.Problem("key", message,
                "Make the file readable by the user running pipes (e.g. chmod 600 and check the owner)."),
            SnowflakeClientCodes.KeyPassphrase => ConnectionFinding.Problem("key", message,
                "Set private_key_passphrase to the passphrase the key was encrypted with, e.g. \"{{ env_var('SNOWFLAKE_PRIVATE_KEY_PASSPHRASE') }}\"."),
            SnowflakeClientCodes.KeyFormat => ConnectionFinding.Problem("key", message,
                "Convert it to PKCS#8: openssl pkcs8 -topk8 -inform PEM -in key.pem -out rsa_key.p8 -nocrypt"),
            SnowflakeClientCodes.SettingsInvalid => ConnectionFinding.Problem("settings", message, "Fix the Snowflake output in profiles.yml."),
            SnowflakeClientCodes.UnknownHost or "HTTP404" or "HTTP403" when IsUnknownAccount(e) => ConnectionFinding.Problem("connect",
                $"Account '{settings.Account}' was not found ({message}).",
                "Use the account identifier from Snowsight (Admin > Accounts): orgname-account_name, or the locator with region (xy12345.us-east-1)."),
            SnowflakeClientCodes.Network => ConnectionFinding.Problem("connect", message,
                "Check the network, proxy and firewall, and that host/port/protocol (if set) are right."),
            _ when IsAuthFailure(e) && fingerprint is not null => ConnectionFinding.Problem("auth",
                $"Snowflake rejected the key-pair token for {user} ({e.Code}: {message}). The public key with fingerprint {fingerprint} is probably not registered for this user.",
                $"Run ALTER USER {user} SET RSA_PUBLIC_KEY='<public key body>'; then DESC USER {user} and compare RSA_PUBLIC_KEY_FP with {fingerprint}. Also check that account and user are spelled as in Snowflake."),
            _ when IsAuthFailure(e) => ConnectionFinding.Problem("auth",
                $"Snowflake rejected the {settings.Authenticator} token ({e.Code}: {message}).",
                "The token is wrong, expired or revoked, or the authenticator does not match it. Create a new one (ALTER USER ... ADD PROGRAMMATIC ACCESS TOKEN) and update token."),
            _ when IsNoWarehouse(e) => NoWarehouse(settings, $" ({e.Code}: {message})"),
            _ when IsPrivilege(e) => ConnectionFinding.Problem("privileges", $"The role lacks a privilege ({e.Code}: {message}).",
                $"Grant the role{RoleName(settings)}: USAGE on the warehouse, database and schema; CREATE TABLE and CREATE VIEW on the schema; SELECT on the source tables. Check that the role is granted to {user}."),
            _ => ConnectionFinding.Problem("connect", $"The test query failed ({e.Code}: {message}).",
                "See the message above; rerun with the same settings after fixing it."),
        };
    }

    public static ConnectionFinding NoWarehouse(SnowflakeSettings settings, string detail = "") => ConnectionFinding.Problem("warehouse",
        $"No warehouse is usable{detail}.",
        $"Set warehouse in profiles.yml and GRANT USAGE ON WAREHOUSE {settings.Warehouse ?? "<warehouse>"} TO ROLE {settings.Role ?? "<role>"}.");

    private static bool IsUnknownAccount(TargetException e) =>
        e.Code is SnowflakeClientCodes.UnknownHost or "HTTP404"
        || e.Message.Contains("account", StringComparison.OrdinalIgnoreCase);

    // 390144 JWT invalid, 390100/390101 incorrect credentials, 3903xx OAuth/PAT token problems.
    private static bool IsAuthFailure(TargetException e) =>
        e.Code is "HTTP401"
        || (e.Code is { Length: 6 } code && code != "390189"
            && (code.StartsWith("3901", StringComparison.Ordinal) || code.StartsWith("3903", StringComparison.Ordinal)));

    // 000606: no active warehouse selected; 390201-ish: warehouse does not exist.
    private static bool IsNoWarehouse(TargetException e) =>
        e.Code == "000606" || e.Message.Contains("warehouse", StringComparison.OrdinalIgnoreCase);

    // 003001 insufficient privileges; 002003 does not exist or not authorized; 390189 role not granted.
    private static bool IsPrivilege(TargetException e) =>
        e.Code is "003001" or "002003" or "390189" or "HTTP403"
        || e.Message.Contains("not authorized", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("privilege", StringComparison.OrdinalIgnoreCase);

    private static string RoleName(SnowflakeSettings settings) => settings.Role is null ? "" : $" {settings.Role}";
}
