namespace Pipes.Core.Push;

/// <summary>Where a run stands: rows handled of the pending total, batches sent, rate and estimated time left.</summary>
public sealed record PushProgress(long RowsDone, long RowsTotal, long EventsSent, int Batches, double EventsPerSecond, TimeSpan? Eta)
{
    public override string ToString() =>
        $"{RowsDone:N0}/{RowsTotal:N0} rows, {EventsSent:N0} events in {Batches:N0} batches, {EventsPerSecond:N0} events/s" +
        (Eta is { } eta ? $", ETA {eta:hh\\:mm\\:ss}" : "");
}
