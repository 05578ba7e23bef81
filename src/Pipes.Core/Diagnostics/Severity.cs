namespace Pipes.Core.Diagnostics;

public enum Severity
{
    Error,
    Warning,
}
