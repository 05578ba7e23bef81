using System.Collections.Concurrent;
using System.Diagnostics;
using Pipes.Core.Targets;

namespace Pipes.Core.Push;

/// <summary>
/// Pushes one destination: snapshots what changed since the last accepted push (plus uncertain and vanished
/// identities), reads it page by page, builds <c>$identify</c> events, marks their identities in flight, sends batches
/// with bounded concurrency, then logs every outcome and advances the state for accepted events, page by page. A run
/// killed at any point loses nothing: the identities it had in flight stay uncertain, and the next run sends them
/// their complete state under new insert_ids.
/// </summary>
public sealed partial class Pusher : IDisposable
{
    private readonly ITarget _target;
    private readonly PushDestination _destination;
    private readonly TimeProvider _time;
    private readonly AmplitudeRetryOptions _retry;
    private readonly AmplitudeClient? _client;

    /// <param name="handler">HTTP transport; null for a real socket handler (tests pass a loopback one).</param>
    /// <param name="randomizer">Jitter source in [0,1) for the backoff; null for Polly's own.</param>
    public Pusher(ITarget target, PushDestination destination, TimeProvider time, HttpMessageHandler? handler = null,
        Func<double>? randomizer = null, AmplitudeRetryOptions? retry = null)
    {
        var problems = destination.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(destination));
        _target = target;
        _destination = destination;
        _time = time;
        _retry = retry ?? AmplitudeRetryOptions.Default;
        if (!destination.DryRun) _client = new AmplitudeClient(destination, time, handler, randomizer, _retry);
    }

    /// <exception cref="OperationCanceledException">The token fired; pages already recorded stay recorded.</exception>
    /// <exception cref="TargetException">The warehouse refused a statement (a missing push relation, for one).</exception>
    public async Task<PushResult> PushAsync(PushOptions options, CancellationToken cancellationToken)
    {
        var run = new RunState(options.RunId ?? Guid.NewGuid().ToString("N"), Stopwatch.StartNew());
        var sql = new PushSql(_target.Dialect, options.Schema, _destination.Name, options.Templates);
        var context = new StatementContext($"push.{_destination.Name}", $"pipes:push:{_destination.Name}");
        var state = new SyncState(_target, sql, context);
        var log = new DeliveryLog(_target, sql, context, run.RunId);
        var builder = new IdentifyEventBuilder();
        var planner = BatchPlanner.For(_destination);
        var delivery = _client is null ? null : new BatchDelivery(_client, _retry, _time, _destination.Name);
        using var dryRun = _destination.DryRun ? new DryRunWriter(DryRunWriter.PathFor(options.TargetDirectory, _destination.Name), _destination.MinIdLength) : null;
        var pageSize = options.PageSize > 0 ? options.PageSize : _destination.MaxEventsPerBatch * _destination.Concurrency * 4;

        if (!await state.PushRelationExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            run.Error = $"no push relation for {_destination.Name} ({sql.PushRelation}); define property models";
            return run.Result(_destination, null, 0);
        }
        await state.EnsureTablesAsync(cancellationToken).ConfigureAwait(false);
        run.Pending = await state.SnapshotAsync(options.FullResync, _destination.MinIdLength, cancellationToken).ConfigureAwait(false);
        run.LeftOut = await state.LeftOutAsync(cancellationToken).ConfigureAwait(false);
        long after = 0;
        while (run.Error is null)
        {
            var page = await state.ReadPageAsync(after, pageSize, run.RunId, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0) break;
            after = page[^1].Seq;

            var records = new ConcurrentQueue<DeliveryRecord>();
            var events = BuildEvents(page, builder, options.FullResync, records, run);
            var (batches, tooLarge) = planner.Plan(events);
            // Never sent, so no insert_id in the log (the event existed only in Pipes).
            foreach (var e in tooLarge) records.Enqueue(new DeliveryRecord(e.Seq, e.AmplitudeId, null, PushOutcome.Refused, $"event of {e.Json.Length:N0} bytes exceeds the batch limit", e));

            if (dryRun is not null)
            {
                foreach (var batch in batches)
                {
                    await dryRun.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                    run.BatchSent(batch.Count, options.Progress);
                }
                run.RowsDone += page.Count;
                // Nothing is logged, but what was decided before sending (skipped, refused) counts as a real run counts it.
                run.Count(records);
                continue;
            }
            // Write-ahead: from here until Amplitude answers 200, nobody can know what it holds for these identities.
            var inFlight = OutcomeRange.InFlight(batches.SelectMany(b => b));
            if (inFlight.Count > 0) await state.MarkInFlightAsync(inFlight, _time.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
            try
            {
                await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = _destination.Concurrency, CancellationToken = cancellationToken },
                    async (batch, ct) =>
                    {
                        await delivery!.DeliverAsync(batch, records, ct).ConfigureAwait(false);
                        run.BatchSent(batch.Count, options.Progress);
                    }).ConfigureAwait(false);
            }
            catch (InvalidApiKeyException e)
            {
                run.Error = e.Message;
            }
            run.RowsDone += page.Count;
            var recorded = records.ToList();
            var at = _time.GetUtcNow().UtcDateTime;
            // Log first: if the process dies between the two writes, the page's identities stay uncertain (marked above)
            // and the next run sends them their complete state: a larger payload, never a wrong one.
            var ranges = OutcomeRange.From(recorded);
            await log.WriteAsync(ranges, at, CancellationToken.None).ConfigureAwait(false);
            await state.AdvanceAsync(ranges, at, CancellationToken.None).ConfigureAwait(false);
            run.Count(recorded);
        }
        if (run.Error is null) await state.DropSnapshotAsync(cancellationToken).ConfigureAwait(false);
        return run.Result(_destination, dryRun?.FilePath, _client?.Requests ?? 0);
    }

    private List<PushEvent> BuildEvents(List<PendingRow> page, IdentifyEventBuilder builder, bool fullResync, ConcurrentQueue<DeliveryRecord> records, RunState run)
    {
        var events = new List<PushEvent>(page.Count);
        var timeMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var row in page)
        {
            if (row.AmplitudeId is null)
            {
                run.SkippedInvalidIds++;
                records.Enqueue(new DeliveryRecord(row.Seq, row.RawId ?? "", null, PushOutcome.Skipped, $"no id Amplitude accepts (profile {row.ProfileId})", null));
            }
            else if (row.Rank > 1)
            {
                records.Enqueue(new DeliveryRecord(row.Seq, row.AmplitudeId, null, PushOutcome.Skipped, $"another profile already maps to this id (profile {row.ProfileId})", null));
            }
            else if (TryBuild(builder, row, fullResync, timeMs, out var refusal) is { } e)
            {
                events.Add(e);
            }
            else if (refusal is not null)
            {
                records.Enqueue(new DeliveryRecord(row.Seq, row.AmplitudeId, null, PushOutcome.Refused, $"{refusal} (profile {row.ProfileId})", null));
            }
            else
            {
                var unchanged = new PushEvent(row.Seq, row.AmplitudeId, row.ProfileId, row.UserId, row.DeviceId, "", row.ContentHash, row.Properties, ReadOnlyMemory<byte>.Empty);
                records.Enqueue(new DeliveryRecord(row.Seq, row.AmplitudeId, null, PushOutcome.Skipped, "no property changed", unchanged));
            }
        }
        return events;
    }

    /// <summary>A row that breaks an assumption (properties not a JSON object) is refused alone; the push goes on.</summary>
    private static PushEvent? TryBuild(IdentifyEventBuilder builder, PendingRow row, bool fullResync, long timeMs, out string? refusal)
    {
        refusal = null;
        try
        {
            return builder.Build(row, fullResync, timeMs);
        }
        catch (FormatException e)
        {
            refusal = e.Message;
            return null;
        }
    }

    public void Dispose() => _client?.Dispose();
}
