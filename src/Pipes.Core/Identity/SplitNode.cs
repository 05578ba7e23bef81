namespace Pipes.Core.Identity;

/// <summary>A node handed to <see cref="ConstrainedSplit"/>: its key (rank in the node order of section 3) and type.</summary>
public sealed record SplitNode(long Key, string Type);
