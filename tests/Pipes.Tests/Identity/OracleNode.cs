namespace Pipes.Tests.Identity;

/// <summary>A distinct (type, normalised value); Key is its 1-based rank in the node order of section 3.</summary>
public sealed record OracleNode(long Key, string Type, string Value, DateTime FirstSeen, DateTime LastSeen);
