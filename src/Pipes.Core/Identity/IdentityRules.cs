namespace Pipes.Core.Identity;

/// <summary>
/// The identity rules of a project as plain typed values, independent of YAML: the id types with their
/// normalisers, validity checks, limits and max_links, plus global exclusions and the Amplitude settings of
/// section 8 of <c>docs/identity.md</c>. Built-in placeholders are not listed here: they always apply
/// (<see cref="IdentityPlaceholders"/>).
/// </summary>
public sealed record IdentityRules
{
    /// <summary>Amplitude rejects user and device ids shorter than this (section 8), unless configured.</summary>
    public const int DefaultAmplitudeMinIdLength = 5;

    /// <summary>The <c>observed_at</c> of rows that have none: a fixed epoch, never "now" (section 1).</summary>
    public static readonly DateTime DefaultObservedAt = DateTime.UnixEpoch;

    public required IReadOnlyList<IdTypeRule> Types { get; init; }

    /// <summary>Exclusions applied to every type, after the type's own.</summary>
    public IdExclusions GlobalExclusions { get; init; } = IdExclusions.None;

    public int AmplitudeMinIdLength { get; init; } = DefaultAmplitudeMinIdLength;

    /// <summary>The id type whose values address a profile in Amplitude first.</summary>
    public string AmplitudeUserIdType { get; init; } = "user_id";

    /// <summary>The id type used when a profile has no usable user id.</summary>
    public string AmplitudeDeviceIdType { get; init; } = "device_id";

    /// <summary>The rule of a type, by exact (ordinal) name.</summary>
    public IdTypeRule Type(string name) =>
        Types.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal))
        ?? throw new ArgumentException($"unknown id type '{name}'", nameof(name));

    /// <summary>
    /// Types ordered by priority: the tie order of types everywhere. Priorities are unique (PIPES0502 refuses a
    /// duplicate); the name after it only keeps the order total for rules built in code.
    /// </summary>
    public IReadOnlyList<IdTypeRule> TypesInPriorityOrder() =>
        Types.OrderBy(t => t.Priority).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
}

/// <summary>
/// Values an id may not take (section 2): exact values, or regexes that must match the whole value.
/// Both compare case-insensitively.
/// </summary>
public sealed record IdExclusions(IReadOnlyList<string> Values, IReadOnlyList<string> Patterns)
{
    public static IdExclusions None { get; } = new([], []);
}
