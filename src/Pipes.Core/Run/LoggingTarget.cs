using System.Diagnostics;
using System.Runtime.CompilerServices;
using Pipes.Core.Dialects;
using Pipes.Core.Targets;

namespace Pipes.Core.Run;

/// <summary>A target that writes each statement, its node, duration, rows and failure to the run log, then runs it on the inner target.</summary>
/// <param name="ownsInner">Whether disposing this disposes the inner target (sessions opened for workers).</param>
public sealed class LoggingTarget(ITarget inner, RunLog log, bool ownsInner = false) : ITarget
{
    public Dialect Dialect => inner.Dialect;

    public bool SupportsConcurrentNodes => inner.SupportsConcurrentNodes;

    public ITarget OpenSession()
    {
        var session = inner.OpenSession();
        return ReferenceEquals(session, inner) ? this : new LoggingTarget(session, log, ownsInner: true);
    }

    public async Task<StatementResult> ExecuteAsync(string sql, StatementContext context, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await inner.ExecuteAsync(sql, context, cancellationToken);
            log.Debug($"{context.NodeId}: statement in {Ms(clock)}, rows affected {result.RowsAffected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, " +
                      $"rows returned {result.Rows.Count}{(result.QueryId is null ? "" : ", query id " + result.QueryId)}\n{sql}");
            return result;
        }
        catch (Exception e) when (e is TargetException or OperationCanceledException)
        {
            log.Error($"{context.NodeId}: statement failed after {Ms(clock)}: {e.Message}\n{sql}");
            throw;
        }
    }

    public async IAsyncEnumerable<object?[]> StreamAsync(string sql, StatementContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        long rows = 0;
        log.Debug($"{context.NodeId}: streaming query\n{sql}");
        await foreach (var row in inner.StreamAsync(sql, context, cancellationToken))
        {
            rows++;
            yield return row;
        }
        log.Debug($"{context.NodeId}: streamed {rows} rows in {Ms(clock)}");
    }

    public async Task<string> LoadSeedRowsAsync(Seeds.SeedLoadStep step, StatementContext context, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        // Through the inner target's own path (an appender on DuckDB); its INSERT chunks, if any, are not logged one by one.
        var how = await inner.LoadSeedRowsAsync(step, context, cancellationToken);
        log.Debug($"{context.NodeId}: seed rows of {step.CsvPath} loaded in {Ms(clock)}: {how}");
        return how;
    }

    private static string Ms(Stopwatch clock) => $"{clock.Elapsed.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)} ms";

    public ValueTask DisposeAsync() => ownsInner ? inner.DisposeAsync() : ValueTask.CompletedTask;
}
