namespace Pipes.Tests.Identity;

/// <summary>How node order runs along a generated path: with it, against it, or at random.</summary>
public enum PathLabels
{
    Sorted,
    Reversed,
    Shuffled,
}
