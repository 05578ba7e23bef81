namespace Pipes.Core.Push;

/// <summary>The switches of <c>pipes push</c>; <c>pipes build</c> pushes with the defaults.</summary>
public sealed record PushSettings
{
    /// <summary>Only this destination (<c>--destination</c>); null for all.</summary>
    public string? Destination { get; init; }
    /// <summary>Dry-run every destination (<c>--dry-run</c>); a destination with <c>dry_run: true</c> always does.</summary>
    public bool DryRun { get; init; }
    /// <summary>Send every row, whatever the state says (<c>--full-resync</c>).</summary>
    public bool FullResync { get; init; }
    /// <summary>Seconds between progress lines on a long push.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(5);
}
