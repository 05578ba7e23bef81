namespace Pipes.Core.Seeds;

/// <summary>One CSV row: its line in the file and its values (null for an empty field).</summary>
public sealed record SeedRow(int Line, string?[] Values);
