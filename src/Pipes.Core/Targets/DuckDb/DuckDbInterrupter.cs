using DuckDB.NET.Data;

namespace Pipes.Core.Targets.DuckDb;

/// <summary>
/// Interrupts one statement when its token is cancelled (<c>duckdb_interrupt</c>). DuckDB clears a connection's
/// interrupt when a statement starts, so one that lands just before would be lost: it is repeated until the
/// statement has returned, and never after, so it cannot hit the next statement on the connection. The repeats run on
/// a thread of their own: on the thread pool they would wait behind the blocked threads running statements.
/// </summary>
internal sealed class DuckDbInterrupter : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private readonly Lock _gate = new();
    private readonly DuckDBCommand _command;
    private readonly CancellationTokenRegistration _registration;
    private bool _done;

    public DuckDbInterrupter(DuckDBCommand command, CancellationToken cancellationToken)
    {
        _command = command;
        _registration = cancellationToken.Register(() => new Thread(Repeat) { IsBackground = true, Name = "duckdb-interrupt" }.Start());
    }

    private void Repeat()
    {
        while (true)
        {
            lock (_gate)
            {
                if (_done) return;
                _command.Cancel();
            }
            Thread.Sleep(Interval);
        }
    }

    /// <summary>The statement returned: no interrupt is sent from now on. Dispose before the command.</summary>
    public void Dispose()
    {
        _registration.Dispose();
        lock (_gate) _done = true;
    }
}
