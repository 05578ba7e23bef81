namespace Pipes.Core.Targets.Snowflake;

/// <summary>
/// The Snowflake part of <c>pipes debug</c>: checks the settings, loads the key, connects and runs
/// <see cref="Query"/>, and explains each failure in plain words; with <paramref name="required"/> privileges, also
/// checks the role's grants (<see cref="SnowflakeGrantCheck"/>). Returns findings; the CLI prints them.
/// </summary>
public sealed class SnowflakeConnectionCheck(
    SnowflakeSettings settings,
    TimeProvider? time = null,
    HttpMessageHandler? handler = null,
    SqlApiRetryOptions? retry = null,
    IReadOnlyList<SnowflakePrivilege>? required = null)
{
    public const string Query = "SELECT CURRENT_VERSION(), CURRENT_ROLE(), CURRENT_WAREHOUSE()";

    public async Task<IReadOnlyList<ConnectionFinding>> RunAsync(CancellationToken cancellationToken)
    {
        var findings = new List<ConnectionFinding>();
        if (!CheckSettings(findings) || !CheckCredentials(findings, out var fingerprint)) return findings;

        SqlApiClient client;
        SqlApiResult result;
        try
        {
            client = new SqlApiClient(settings, time ?? TimeProvider.System, handler, randomizer: null, retry);
        }
        catch (TargetException e)
        {
            findings.Add(SnowflakeFailureAdvice.Explain(e, settings, fingerprint));
            return findings;
        }
        using (client)
        {
            try
            {
                result = await client.SubmitAsync(Query, new StatementContext("debug", "pipes:debug"), cancellationToken).ConfigureAwait(false);
            }
            catch (TargetException e)
            {
                findings.Add(SnowflakeFailureAdvice.Explain(e, settings, fingerprint));
                return findings;
            }

            var row = result.FirstPartitionRows.Count > 0 ? result.FirstPartitionRows[0] : new object?[3];
            findings.Add(ConnectionFinding.Ok("connect",
                $"Connected to {SnowflakeAccount.BaseUri(settings).Host} as {settings.User} (Snowflake {row[0]}), role {row[1] ?? "(none)"}."));
            findings.Add(row.Length > 2 && row[2] is string warehouse && warehouse.Length > 0
                ? ConnectionFinding.Ok("warehouse", $"Warehouse {warehouse} is in use.")
                : SnowflakeFailureAdvice.NoWarehouse(settings));
            if (required is not null) findings.Add(await CheckGrantsAsync(client, row[1] as string, cancellationToken).ConfigureAwait(false));
        }
        return findings;
    }

    private async Task<ConnectionFinding> CheckGrantsAsync(SqlApiClient client, string? role, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(role))
            return ConnectionFinding.Problem("grants", "The session has no role, so its grants cannot be checked.", "Set role in profiles.yml.");
        try
        {
            return await SnowflakeGrantCheck.CheckAsync(client, role, required!, cancellationToken).ConfigureAwait(false);
        }
        catch (TargetException e)
        {
            return ConnectionFinding.Problem("grants", $"Could not read the grants of role {role}: {e.Message}",
                "Check the privileges by hand against docs/snowflake.md.");
        }
    }

    private bool CheckSettings(List<ConnectionFinding> findings)
    {
        var missing = new[] { ("account", settings.Account), ("user", settings.User) }
            .Where(f => string.IsNullOrWhiteSpace(f.Item2)).Select(f => f.Item1).ToList();
        if (missing.Count > 0)
        {
            findings.Add(ConnectionFinding.Problem("settings", $"The Snowflake output has no {string.Join(" or ", missing)}.",
                "Set account (e.g. myorg-myaccount) and user in profiles.yml."));
            return false;
        }
        if (string.IsNullOrWhiteSpace(settings.Warehouse))
        {
            findings.Add(ConnectionFinding.Problem("settings", "No warehouse is set; statements will use the user's default warehouse, if any.",
                "Set warehouse in profiles.yml to a warehouse the role can use."));
        }
        else
        {
            findings.Add(ConnectionFinding.Ok("settings", $"Account {settings.Account}, user {settings.User}, authenticator {settings.Authenticator}."));
        }
        return true;
    }

    private bool CheckCredentials(List<ConnectionFinding> findings, out string? fingerprint)
    {
        fingerprint = null;
        var authenticator = settings.Authenticator.Trim().ToLowerInvariant();
        if (authenticator is "pat" or "programmatic_access_token" or "oauth")
        {
            if (!string.IsNullOrWhiteSpace(settings.Token)) return true;
            findings.Add(ConnectionFinding.Problem("auth", $"Authenticator '{settings.Authenticator}' is set but token is empty.",
                "Set token: \"{{ env_var('SNOWFLAKE_TOKEN') }}\" in profiles.yml and export the variable."));
            return false;
        }
        if (authenticator is not ("keypair" or "snowflake_jwt" or "jwt"))
        {
            findings.Add(ConnectionFinding.Problem("settings", $"Unknown authenticator '{settings.Authenticator}'.",
                "Use keypair, pat or oauth."));
            return false;
        }
        try
        {
            using var key = SnowflakeKeyLoader.Load(settings);
            fingerprint = SnowflakeKeyLoader.Fingerprint(key);
            findings.Add(ConnectionFinding.Ok("key", $"Private key loaded; its public key fingerprint is {fingerprint}."));
            return true;
        }
        catch (TargetException e)
        {
            findings.Add(SnowflakeFailureAdvice.Explain(e, settings, null));
            return false;
        }
    }
}
