namespace Pipes.Core.Push;

/// <summary>What one push run did. <see cref="Error"/> is set when the run stopped early (invalid API key).</summary>
public sealed record PushResult
{
    public required string Destination { get; init; }
    public required string RunId { get; init; }
    public bool DryRun { get; init; }
    /// <summary>Rows of the pending snapshot: new or changed identities, plus rows to skip.</summary>
    public long Pending { get; init; }
    public long EventsSent { get; init; }
    public long Accepted { get; init; }
    public long Refused { get; init; }
    public long GaveUp { get; init; }
    public long Skipped { get; init; }
    /// <summary>Of <see cref="Skipped"/>: rows whose ids Amplitude would refuse (too short, placeholders).</summary>
    public long SkippedInvalidIds { get; init; }
    public int Batches { get; init; }
    public long Requests { get; init; }
    public TimeSpan Elapsed { get; init; }
    /// <summary>The dry-run payload file, when <see cref="DryRun"/>.</summary>
    public string? PayloadFile { get; init; }
    public string? Error { get; init; }

    public bool Succeeded => Error is null;

    public string Summary() =>
        $"push {Destination}{(DryRun ? " (dry run)" : "")}: {Pending:N0} pending, {EventsSent:N0} events in {Batches:N0} batches; " +
        $"accepted {Accepted:N0}, refused {Refused:N0}, gave up {GaveUp:N0}, skipped {Skipped:N0} ({SkippedInvalidIds:N0} invalid ids) " +
        $"in {Elapsed.TotalSeconds:0.0} s" + (PayloadFile is null ? "" : $"; payloads in {PayloadFile}") + (Error is null ? "" : $"; error: {Error}");
}
