namespace Pipes.Core.Targets.Snowflake;

/// <summary>
/// Backoff for transient failures (network, 429, 5xx) and for polling a running statement (202).
/// Both use exponential backoff with jitter; tests shrink the delays to near zero.
/// </summary>
public sealed record SqlApiRetryOptions
{
    public static readonly SqlApiRetryOptions Default = new();

    public int MaxRetryAttempts { get; init; } = 10;
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan PollBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan PollMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Per HTTP request; the SQL API answers within ~45 s (then 202), so this only catches dead connections.</summary>
    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromSeconds(120);
}
