namespace Pipes.Core.Seeds;

/// <summary>The staging table, quoted for SQL and as bare parts for an appender.</summary>
public sealed record SeedStage(string Relation, string? Database, string? Schema, string Name);
