namespace Pipes.Core.Identity;

/// <summary>
/// Values an id may not take (section 2): exact values, or regexes that must match the whole value.
/// Both compare case-insensitively.
/// </summary>
public sealed record IdExclusions(IReadOnlyList<string> Values, IReadOnlyList<string> Patterns)
{
    public static IdExclusions None { get; } = new([], []);
}
