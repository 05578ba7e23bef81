namespace Pipes.Tests.Snowflake;

/// <summary>
/// A fact that runs only against a real account: needs SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER and either
/// SNOWFLAKE_PRIVATE_KEY_PATH or SNOWFLAKE_TOKEN; otherwise it is reported as skipped, with the reason.
/// </summary>
public sealed class LiveSnowflakeFactAttribute : FactAttribute
{
    public LiveSnowflakeFactAttribute()
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("SNOWFLAKE_ACCOUNT"))) missing.Add("SNOWFLAKE_ACCOUNT");
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("SNOWFLAKE_USER"))) missing.Add("SNOWFLAKE_USER");
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("SNOWFLAKE_PRIVATE_KEY_PATH"))
            && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("SNOWFLAKE_TOKEN")))
        {
            missing.Add("SNOWFLAKE_PRIVATE_KEY_PATH or SNOWFLAKE_TOKEN");
        }
        if (missing.Count > 0) Skip = $"Live Snowflake test skipped: set {string.Join(", ", missing)} (see docs/snowflake.md).";
    }
}
