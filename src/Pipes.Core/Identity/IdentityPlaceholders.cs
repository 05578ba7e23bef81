namespace Pipes.Core.Identity;

/// <summary>
/// The built-in exclusions of section 2: placeholders real data is full of and Amplitude rejects. The one
/// place they are listed, so templates can render them: identity resolution excludes them, and the push skips an id
/// that is one of them (or shorter than <c>min_id_length</c>, which also covers the empty id). Compare
/// case-insensitively, on the normalised value. <c>lmy47d</c> is an Android build id that devices report as their id
/// and Amplitude refuses.
/// </summary>
public static class IdentityPlaceholders
{
    /// <summary>Exact placeholder values, lower case.</summary>
    public static IReadOnlyList<string> Values { get; } =
    [
        "null", "none", "nil", "undefined", "unknown", "anonymous", "n/a", "na", "0", "-1", "{}",
        "00000000-0000-0000-0000-000000000000", "lmy47d",
    ];
}
