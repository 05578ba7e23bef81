namespace Pipes.Core.Identity;

/// <summary>
/// Default rules of id types Pipes knows by name. A project declares such a type like any other (its
/// <c>priority</c> is still required); every key it writes replaces the default of that key.
/// </summary>
public static class KnownIdTypes
{
    /// <summary>Amplitude's own user id (<c>amplitude_id</c>, NUMBER(38,0) in its Snowflake export), merged by Amplitude.</summary>
    public const string AmplitudeId = "amplitude_id";

    /// <summary>
    /// <c>amplitude_id</c>: digits only (an integer column read as text; a DOUBLE read as text, <c>150000000000.0</c>, is a
    /// <c>pattern_mismatch</c>, not silently another id), at most 19 digits (Amplitude exports it as a long),
    /// spaces removed, and up to 20 per profile: Amplitude merges every anonymous device history into the user's
    /// id, so one person holds several, but a profile with more is a merge going wrong.
    /// </summary>
    private static readonly IdTypeRule AmplitudeIdDefaults = new()
    {
        Name = AmplitudeId,
        Priority = int.MaxValue,
        Limit = 20,
        Normalizers = [IdNormalizer.RemoveWhitespace],
        MaxLength = 19,
        Pattern = "^[0-9]+$",
    };

    /// <summary>The defaults of a known type, or null for a type Pipes does not know.</summary>
    public static IdTypeRule? Defaults(string name) =>
        string.Equals(name, AmplitudeId, StringComparison.Ordinal) ? AmplitudeIdDefaults : null;
}
