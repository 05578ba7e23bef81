using System.Globalization;
using Pipes.Core.Targets;

namespace Pipes.Core.Push;

/// <summary>
/// The warehouse side of a push: the state table (what Amplitude holds, per identity), the pending snapshot that
/// diffs the push relation against it, and the pages read from that snapshot.
/// </summary>
public sealed class SyncState(ITarget target, PushSql sql, StatementContext context)
{
    /// <summary>False when the SQL layer built no push relation for the destination (no property models).</summary>
    public async Task<bool> PushRelationExistsAsync(CancellationToken cancellationToken)
    {
        var result = await target.ExecuteAsync(sql.PushRelationExists(), context, cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(result.Rows[0][0], CultureInfo.InvariantCulture) > 0;
    }

    public async Task EnsureTablesAsync(CancellationToken cancellationToken)
    {
        foreach (var statement in sql.CreateState()) await target.ExecuteAsync(statement, context, cancellationToken).ConfigureAwait(false);
        await target.ExecuteAsync(sql.CreateLog(), context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds the pending snapshot and returns its row count.</summary>
    public async Task<long> SnapshotAsync(bool fullResync, int minIdLength, CancellationToken cancellationToken)
    {
        await target.ExecuteAsync(sql.CreatePending(fullResync, minIdLength), context, cancellationToken).ConfigureAwait(false);
        var count = await target.ExecuteAsync(sql.CountPending(), context, cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(count.Rows[0][0], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Profiles with property values that the push relation left out, by reason (no Amplitude id, not yet in
    /// Amplitude); null when the relation was built by a version that did not record them.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>?> LeftOutAsync(CancellationToken cancellationToken)
    {
        var exists = await target.ExecuteAsync(sql.LeftOutExists(), context, cancellationToken).ConfigureAwait(false);
        if (Convert.ToInt64(exists.Rows[0][0], CultureInfo.InvariantCulture) == 0) return null;
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var result = await target.ExecuteAsync(sql.CountLeftOut(), context, cancellationToken).ConfigureAwait(false);
        foreach (var row in result.Rows)
        {
            if (row.Length < 2) throw new TargetException($"the count of {sql.LeftOut} returned {row.Length} columns, expected 2 (reason, count)");
            counts[Convert.ToString(row[0], CultureInfo.InvariantCulture)!] = Convert.ToInt64(row[1], CultureInfo.InvariantCulture);
        }
        return counts;
    }

    /// <summary>The page after seq <paramref name="after"/>, read through the target's stream; at most <paramref name="limit"/> rows held.</summary>
    public async Task<List<PendingRow>> ReadPageAsync(long after, int limit, string runId, CancellationToken cancellationToken)
    {
        var rows = new List<PendingRow>(limit);
        await foreach (var v in target.StreamAsync(sql.ReadPage(after, limit, runId), context, cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new PendingRow(
                Seq: Convert.ToInt64(v[0], CultureInfo.InvariantCulture),
                ProfileId: v[1] as string ?? "",
                UserId: v[2] as string,
                DeviceId: v[3] as string,
                AmplitudeId: v[4] as string,
                RawId: v[5] as string,
                Rank: Convert.ToInt64(v[6], CultureInfo.InvariantCulture),
                Properties: v[7] as string ?? "{}",
                ContentHash: v[8] as string ?? "",
                PushedHash: v[9] as string,
                PushedProperties: v[10] as string,
                Generation: Convert.ToInt64(v[11], CultureInfo.InvariantCulture),
                Uncertain: Convert.ToBoolean(v[12], CultureInfo.InvariantCulture),
                PushedKeys: v[13] as string,
                Vanished: Convert.ToBoolean(v[14], CultureInfo.InvariantCulture),
                InsertId: v[15] as string));
        }
        return rows;
    }

    /// <summary>
    /// Advances the state for accepted events, and for rows skipped because nothing changed; refused and failed rows
    /// stay pending for the next run. Hash and properties come from the snapshot row, not from SQL literals.
    /// </summary>
    public async Task AdvanceAsync(IReadOnlyList<OutcomeRange> ranges, DateTime at, CancellationToken cancellationToken)
    {
        foreach (var statement in sql.UpsertState(ranges, at))
        {
            await target.ExecuteAsync(statement, context, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Before a page is sent: marks the identities of <paramref name="ranges"/> uncertain, with the generation of the
    /// events about to leave, so a run that dies in flight leaves them to be resent in full.
    /// </summary>
    public async Task MarkInFlightAsync(IReadOnlyList<OutcomeRange> ranges, DateTime at, CancellationToken cancellationToken)
    {
        foreach (var statement in sql.MarkInFlight(ranges, at))
        {
            await target.ExecuteAsync(statement, context, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task DropSnapshotAsync(CancellationToken cancellationToken) =>
        target.ExecuteAsync(sql.DropPending(), context, cancellationToken);
}
