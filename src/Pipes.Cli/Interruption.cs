using System.Runtime.InteropServices;
using Pipes.Core.Tasks;

namespace Pipes.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM (<c>docker stop</c>, systemd, a CI job's timeout) cancel the command's token instead of
/// ending the process: the running statement is cancelled (DuckDB's interrupt, Snowflake's cancel), the results so far
/// are written, and the command exits 130 (SIGINT) or 143 (SIGTERM). A second signal ends the process at once.
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;
    private PosixSignal? _signal;

    public Interruption() => _registrations =
        [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];

    public CancellationToken Token => _source.Token;

    /// <summary>The command's exit code, with an interrupted command's 130 made 143 when SIGTERM was the cause (128 + the signal, as shells report it).</summary>
    public int ExitCode(int code) => code == ExitCodes.Interrupted && _signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : code;

    private void OnSignal(PosixSignalContext context)
    {
        if (_source.IsCancellationRequested) return; // the second one terminates
        context.Cancel = true;
        _signal = context.Signal;
        // At a terminal only: redirected stderr may be JSON lines (--log-format json); the task's own line follows anyway.
        if (!Console.IsErrorRedirected)
        {
            Console.Error.WriteLine(context.Signal == PosixSignal.SIGINT
                ? "interrupt: cancelling the running statement (Ctrl-C again to stop at once)"
                : "SIGTERM: cancelling the running statement (a second SIGTERM stops at once)");
        }
        // Off the signal thread, and not on the thread pool, whose threads may all be blocked in running statements:
        // cancellation callbacks interrupt engines and may take a moment.
        new Thread(_source.Cancel) { IsBackground = true, Name = "pipes-interrupt" }.Start();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _source.Dispose();
    }
}
