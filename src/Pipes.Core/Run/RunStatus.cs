namespace Pipes.Core.Run;

public enum RunStatus
{
    Success,
    Error,
    Skipped,
}
