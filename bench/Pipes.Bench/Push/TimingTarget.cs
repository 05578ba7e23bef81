using System.Diagnostics;
using System.Runtime.CompilerServices;
using Pipes.Core.Dialects;
using Pipes.Core.Targets;

namespace Pipes.Bench.Push;

/// <summary>Wraps a target and sums the time spent per kind of statement (first word), to see where a push goes.</summary>
public sealed class TimingTarget(ITarget inner) : ITarget
{
    public Dictionary<string, (int Count, TimeSpan Time)> Totals { get; } = new();

    public Dialect Dialect => inner.Dialect;

    public async Task<StatementResult> ExecuteAsync(string sql, StatementContext context, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try { return await inner.ExecuteAsync(sql, context, cancellationToken); }
        finally { Add(sql, clock.Elapsed); }
    }

    public async IAsyncEnumerable<object?[]> StreamAsync(string sql, StatementContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await foreach (var row in inner.StreamAsync(sql, context, cancellationToken)) yield return row;
        Add(sql, clock.Elapsed);
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private void Add(string sql, TimeSpan time)
    {
        var words = sql.TrimStart().Split(' ', 4);
        var key = string.Join(' ', words.Take(3));
        lock (Totals) Totals[key] = Totals.TryGetValue(key, out var t) ? (t.Count + 1, t.Time + time) : (1, time);
    }
}
