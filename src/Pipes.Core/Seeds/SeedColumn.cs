namespace Pipes.Core.Seeds;

/// <summary>A seed column: the CSV's name and its portable type.</summary>
public sealed record SeedColumn(string Name, string Type);
