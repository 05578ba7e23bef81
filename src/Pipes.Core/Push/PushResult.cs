using Pipes.Core.Properties;

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
    /// <summary>
    /// Profiles with property values that no Amplitude identity of the destination carries, by reason
    /// (<c>pipes_push_&lt;destination&gt;_left_out</c>); null when the push relation predates that table.
    /// </summary>
    public IReadOnlyDictionary<string, long>? LeftOut { get; init; }
    public long LeftOutTotal => LeftOut?.Values.Sum() ?? 0;
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
        $"in {Elapsed.TotalSeconds:0.0} s" +
        (LeftOutTotal == 0 ? "" : $"; {LeftOutTotal:N0} profiles left out ({string.Join(", ", LeftOut!.Select(r => $"{r.Value:N0} {r.Key}"))}; see {PublishedTables.PushLeftOut(Destination)})") +
        (PayloadFile is null ? "" : $"; payloads in {PayloadFile}") + (Error is null ? "" : $"; error: {Error}");
}
