namespace Pipes.Core.Run;

public enum RunStatus
{
    Success,
    Error,
    Skipped,

    /// <summary>A warn-level data test found failing rows: reported, not a failure of the run.</summary>
    Warn,

    /// <summary>An error-level data test found failing rows.</summary>
    Fail,
}
