namespace Pipes.Core.Push;

/// <summary>One push run's switches, from the command line.</summary>
public sealed record PushOptions
{
    /// <summary>Send every row, whatever the state says (<c>--full-resync</c>); <c>$set</c> carries every value.</summary>
    public bool FullResync { get; init; }
    /// <summary>The project's <c>target/</c> directory; dry runs write <c>push/&lt;destination&gt;.jsonl</c> under it.</summary>
    public string TargetDirectory { get; init; } = "target";
    /// <summary>Schema of the push relation and the push tables; null for the connection's default.</summary>
    public string? Schema { get; init; }
    /// <summary>Run id written to the log; a new GUID when null.</summary>
    public string? RunId { get; init; }
    /// <summary>Rows read from the warehouse at a time; 0 sizes it from batch size and concurrency.</summary>
    public int PageSize { get; init; }
    /// <summary>Templates with the project's overrides (required, so an override is never passed over silently).</summary>
    public required Pipes.Core.Templating.TemplateCatalog Templates { get; init; }
    /// <summary>Called after every batch, from any thread.</summary>
    public Action<PushProgress>? Progress { get; init; }
}

/// <summary>The switches of <c>pipes push</c>; <c>pipes build</c> pushes with the defaults.</summary>
public sealed record PushSettings
{
    /// <summary>Only this destination (<c>--destination</c>); null for all.</summary>
    public string? Destination { get; init; }
    /// <summary>Of those, only these (what <c>pipes retry</c> reruns); null for all.</summary>
    public IReadOnlySet<string>? OnlyDestinations { get; init; }
    /// <summary>Dry-run every destination (<c>--dry-run</c>); a destination with <c>dry_run: true</c> always does.</summary>
    public bool DryRun { get; init; }
    /// <summary>Send every row, whatever the state says (<c>--full-resync</c>).</summary>
    public bool FullResync { get; init; }
    /// <summary>Seconds between progress lines on a long push.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>Where a run stands: rows handled of the pending total, batches sent, rate and estimated time left.</summary>
public sealed record PushProgress(long RowsDone, long RowsTotal, long EventsSent, int Batches, double EventsPerSecond, TimeSpan? Eta)
{
    public override string ToString() =>
        $"{RowsDone:N0}/{RowsTotal:N0} rows, {EventsSent:N0} events in {Batches:N0} batches, {EventsPerSecond:N0} events/s" +
        (Eta is { } eta ? $", ETA {eta:hh\\:mm\\:ss}" : "");
}
