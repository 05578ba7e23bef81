namespace Pipes.Core.Run;

public sealed record RunOptions
{
    /// <summary>Stop at the first failure; nodes not yet run are skipped.</summary>
    public bool FailFast { get; init; }
}
