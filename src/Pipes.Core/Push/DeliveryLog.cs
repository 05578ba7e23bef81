using Pipes.Core.Targets;

namespace Pipes.Core.Push;

/// <summary>Appends a page's outcomes to <c>pipes_push_log</c> in one set-based INSERT … SELECT from the snapshot.</summary>
public sealed class DeliveryLog(ITarget target, PushSql sql, StatementContext context, string runId)
{
    public async Task WriteAsync(IReadOnlyList<OutcomeRange> ranges, DateTime at, CancellationToken cancellationToken)
    {
        foreach (var statement in sql.InsertLog(ranges, runId, at))
        {
            await target.ExecuteAsync(statement, context, cancellationToken).ConfigureAwait(false);
        }
    }
}
