namespace Pipes.Core.Load;

/// <summary>A CSV file loaded as a table; declared column types override inferred ones.</summary>
public sealed record SeedSpec(
    string Name,
    string Path,
    IReadOnlyDictionary<string, Located<string>> ColumnTypes,
    IReadOnlyList<string> Tags,
    string? Description);
