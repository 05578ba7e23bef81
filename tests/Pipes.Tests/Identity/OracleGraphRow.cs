namespace Pipes.Tests.Identity;

/// <summary>Which profile each node ended in.</summary>
public sealed record OracleGraphRow(long Key, string Type, string Value, string ProfileId);
