namespace Pipes.Core.Run;

/// <summary>What publishing wrote to one output table in a run; all zero when nothing changed.</summary>
public sealed record OutputChanges(string Table, long Inserted, long Updated, long Deleted);
