
using Pipes.Core.Yaml;

namespace Pipes.Core.Seeds;

/// <summary>A CSV file loaded as a table; declared column types override inferred ones.</summary>
public sealed record SeedSpec(
    string Name,
    string Path,
    CsvTable Table,
    IReadOnlyDictionary<string, Located<string>> ColumnTypes,
    IReadOnlyList<string> Tags,
    string? Description)
{
    /// <summary>SHA-256 of the CSV file, for the manifest.</summary>
    public string Checksum { get; init; } = "";
}
