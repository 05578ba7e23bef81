namespace Pipes.Core.Push;

/// <summary>The ids Amplitude refuses: too short, or one of its placeholders (compared case-insensitively).</summary>
public static class AmplitudeIds
{
    public static readonly IReadOnlyList<string> Placeholders =
    [
        "anonymous", "nil", "none", "null", "n/a", "na", "undefined", "unknown", "",
        "00000000-0000-0000-0000-000000000000", "{}", "0", "-1",
    ];

    public static bool IsValid(string? id, int minIdLength) =>
        id is not null && id.Length >= minIdLength && !Placeholders.Contains(id.ToLowerInvariant());
}
