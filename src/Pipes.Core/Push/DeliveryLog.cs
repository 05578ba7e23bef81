using Pipes.Core.Run;

namespace Pipes.Core.Push;

/// <summary>Appends outcomes to <c>pipes_push_log</c>, a batch of rows per statement, through the target.</summary>
public sealed class DeliveryLog(ITarget target, PushSql sql, StatementContext context, string runId)
{
    public async Task WriteAsync(IReadOnlyList<DeliveryRecord> records, DateTime at, CancellationToken cancellationToken)
    {
        foreach (var statement in sql.InsertLog(records, runId, at))
        {
            await target.ExecuteAsync(statement, context, cancellationToken).ConfigureAwait(false);
        }
    }
}
