namespace Pipes.Core.Identity;

/// <summary>An edge handed to <see cref="ConstrainedSplit"/>, by node keys in either order, with its first_seen (section 4).</summary>
public sealed record SplitEdge(long A, long B, DateTime FirstSeen);
