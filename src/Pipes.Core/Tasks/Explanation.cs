namespace Pipes.Core.Tasks;

/// <summary>What <c>pipes explain</c> found for one identifier.</summary>
public sealed record Explanation(string Type, string Value, string Normalized)
{
    public string? ProfileId { get; init; }
    public string? Canonical { get; init; }
    /// <summary>Members as <c>type:value</c>, strongest type first.</summary>
    public IReadOnlyList<(string Type, string Value)> Members { get; init; } = [];
    public string? ChainGoal { get; init; }
    public IReadOnlyList<ExplainedLink> Chain { get; init; } = [];
    /// <summary>Why an identifier that is in no profile was dropped: reason and count of observations.</summary>
    public IReadOnlyList<(string Reason, long Observations)> Dropped { get; init; } = [];
    public IReadOnlyList<string> Refused { get; init; } = [];
    public IReadOnlyList<(string LinkedType, long Links)> OverConnected { get; init; } = [];
    /// <summary>The history of the profile and of the ids that became it, oldest run first; null when the target has no history table.</summary>
    public IReadOnlyList<HistoryEvent>? History { get; init; }
}

/// <summary>One row of <c>pipes_id_history</c>: what a run did to a profile id (docs/identity.md, History).</summary>
public sealed record HistoryEvent(DateTime RunAt, string RunId, string Event, string? OldProfileId, string? NewProfileId, long Identifiers, string? OldCanonical, string? NewCanonical);

/// <summary>One link of a chain, with the earliest source row behind it.</summary>
public sealed record ExplainedLink(string From, string To, string Source, long Row, DateTime ObservedAt, long RowsBehind);
