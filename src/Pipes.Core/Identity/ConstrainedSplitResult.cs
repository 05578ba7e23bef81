namespace Pipes.Core.Identity;

/// <summary>
/// Outcome of <see cref="ConstrainedSplit"/>: each node's profile, named by its canonical member (the smallest
/// key in the profile, section 7), and the refused edges in the order they were taken.
/// </summary>
public sealed record ConstrainedSplitResult(IReadOnlyDictionary<long, long> CanonicalKeyByNode, IReadOnlyList<RefusedEdge> Refused);
