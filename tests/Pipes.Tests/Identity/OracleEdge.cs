namespace Pipes.Tests.Identity;

/// <summary>A hub edge of section 4 between node keys FromKey &lt; ToKey; RowCount is the number of rows that produced it.</summary>
public sealed record OracleEdge(long FromKey, long ToKey, DateTime FirstSeen, int RowCount);
