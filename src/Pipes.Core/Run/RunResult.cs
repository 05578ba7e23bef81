using Pipes.Core.Diagnostics;

namespace Pipes.Core.Run;

/// <summary>What happened to one node (dbt's result): a failure is a value, so siblings go on.</summary>
public sealed record RunResult(string NodeId, string Name, string Kind, RunStatus Status, TimeSpan Elapsed, long? Rows, string? QueryId, Diagnostic? Error, string Message)
{
    /// <summary>For a data test: how many rows failed it.</summary>
    public long? Failures { get; init; }

    /// <summary>For a failing data test: a few failing rows, as text.</summary>
    public IReadOnlyList<string> Sample { get; init; } = Array.Empty<string>();

    /// <summary>Extra counts written under <c>adapter_response</c> (a push's accepted, refused…), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, long>>? Counts { get; init; }

    /// <summary>Findings printed under the node's line (the identity rules changed, history events).</summary>
    public IReadOnlyList<string> Notes { get; init; } = Array.Empty<string>();
}
