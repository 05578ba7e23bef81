namespace Pipes.Core.Run;

/// <summary>What a run did to identities and properties, read back from the tables it built.</summary>
public sealed record RunSummary
{
    public long Observations { get; init; }
    public IReadOnlyList<(string Type, string Reason, long Count)> Invalid { get; init; } = [];
    public long Identifiers { get; init; }
    public long Edges { get; init; }
    public long SharedIdentifiers { get; init; }
    public long Profiles { get; init; }
    public IReadOnlyList<(string ProfileId, string Type, string Value, long Identifiers)> LargestProfiles { get; init; } = [];
    public long RefusedEdges { get; init; }
    public long Rounds { get; init; }
    public IReadOnlyList<(string Model, string Column, string Reason, long Count)> Rejects { get; init; } = [];
    public IReadOnlyList<(string Model, long Rows)> Unmatched { get; init; } = [];
    public IReadOnlyList<(string Destination, IReadOnlyList<KeyValuePair<string, long>> Counts)> Pushes { get; init; } = [];

    /// <summary>Rows each published output table received this run (inserted, updated, deleted), by table name.</summary>
    public IReadOnlyList<OutputChanges> Outputs { get; init; } = [];
}

/// <summary>What publishing wrote to one output table in a run; all zero when nothing changed.</summary>
public sealed record OutputChanges(string Table, long Inserted, long Updated, long Deleted);
