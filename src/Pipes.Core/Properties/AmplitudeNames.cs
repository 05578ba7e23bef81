namespace Pipes.Core.Properties;

/// <summary>
/// What Amplitude accepts as a user property name. Reserved: the fields of an event and the user properties
/// Amplitude's SDKs and ingestion maintain themselves (docs: "User property definitions"); a custom property of the
/// same name would be ignored or clash. Compared case-insensitively.
/// </summary>
public static class AmplitudeNames
{
    public const int MaxLength = 1024;

    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "user_id", "device_id", "amplitude_id", "event_id", "event_type", "event_time", "session_id", "insert_id",
        "time", "platform", "os", "os_name", "os_version", "device", "device_type", "device_family", "device_brand",
        "device_manufacturer", "device_model", "carrier", "country", "region", "city", "dma", "language", "library",
        "ip", "ip_address", "start_version", "version", "app_version", "paying", "revenue", "revenue_type",
        "location_lat", "location_lng", "idfa", "idfv", "adid", "android_id", "groups", "user_properties",
        "event_properties", "group_properties", "first_used", "last_used", "cohort", "merged_amplitude_id",
    };

    /// <summary>Why a name is refused, or null when Amplitude takes it.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0) return "is empty";
        if (name.StartsWith('$')) return "starts with '$', which Amplitude keeps for its own operations";
        if (name.Length > MaxLength) return $"is {name.Length} characters long; Amplitude takes at most {MaxLength}";
        if (Reserved.Contains(name)) return "is a name Amplitude reserves for its own user properties or event fields";
        return null;
    }
}
