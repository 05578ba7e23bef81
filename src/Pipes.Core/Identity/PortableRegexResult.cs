namespace Pipes.Core.Identity;

/// <summary>
/// The outcome of <see cref="PortableRegex.Check"/>: <see cref="Error"/> is null for a portable pattern, else the reason,
/// at <see cref="Position"/> (1-based character of the pattern). <see cref="Groups"/> counts capturing groups.
/// </summary>
public sealed record PortableRegexResult(string? Error, int Position, int Groups);
