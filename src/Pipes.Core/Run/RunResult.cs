using Pipes.Core.Diagnostics;

namespace Pipes.Core.Run;

/// <summary>What happened to one node (dbt's result): a failure is a value, so siblings go on.</summary>
public sealed record RunResult(string NodeId, string Name, string Kind, RunStatus Status, TimeSpan Elapsed, long? Rows, string? QueryId, Diagnostic? Error, string Message)
{
    /// <summary>Extra counts written under <c>adapter_response</c> (a push's accepted, refused…), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, long>>? Counts { get; init; }
}
