namespace Pipes.Core.Push;

/// <summary>
/// Backoff for 5xx and network failures (exponential with jitter, capped) and the pause before resending
/// throttled users (Amplitude's SDKs wait 30 s). Tests shrink the delays to near zero.
/// </summary>
public sealed record AmplitudeRetryOptions
{
    public static readonly AmplitudeRetryOptions Default = new();

    public int MaxRetryAttempts { get; init; } = 6;
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Per request; catches dead connections.</summary>
    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan ThrottleDelay { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>How many 429 rounds one event may go through before it is recorded as gave_up.</summary>
    public int MaxThrottleRounds { get; init; } = 10;
}
