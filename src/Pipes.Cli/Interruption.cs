using System.Runtime.InteropServices;

namespace Pipes.Cli;

/// <summary>
/// Ctrl-C (SIGINT) cancels the command's token instead of ending the process: the running statement is cancelled
/// (DuckDB's interrupt, Snowflake's cancel), the results so far are written, and the command exits 130. A second
/// Ctrl-C ends the process at once, as usual.
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration _registration;

    public Interruption() => _registration = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

    public CancellationToken Token => _source.Token;

    private void OnSignal(PosixSignalContext context)
    {
        if (_source.IsCancellationRequested) return; // the second one terminates
        context.Cancel = true;
        // At a terminal only: redirected stderr may be JSON lines (--log-format json); the task's own line follows anyway.
        if (!Console.IsErrorRedirected) Console.Error.WriteLine("interrupt: cancelling the running statement (Ctrl-C again to stop at once)");
        // Off the signal thread: cancellation callbacks interrupt engines and may take a moment.
        _ = Task.Run(_source.Cancel);
    }

    public void Dispose()
    {
        _registration.Dispose();
        _source.Dispose();
    }
}
