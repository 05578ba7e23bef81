namespace Pipes.Core.Tasks;

/// <summary>dbt's exit codes: success, handled failure (bad input, failed node), crash; and interrupted.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Crash = 2;

    /// <summary>Ctrl-C (SIGINT): 128 + 2, as shells and dbt report it.</summary>
    public const int Interrupted = 130;

    /// <summary>SIGTERM: 128 + 15. The command ends as after Ctrl-C; only the code says which signal it was.</summary>
    public const int Terminated = 143;
}
