namespace Pipes.Tests.Identity;

/// <summary>An over-connected identifier of section 5, with its count of distinct linked values per other type.</summary>
public sealed record OracleShared(long Key, string Type, string Value, IReadOnlyDictionary<string, int> LinksByType);
