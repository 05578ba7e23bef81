namespace Pipes.Core.Load;

/// <summary>
/// An entry of <c>destinations:</c>. The API key stays a template until the push itself renders it, so it can never
/// reach compiled SQL, the manifest or logs. The batch settings are null when not set (the pusher's defaults apply).
/// </summary>
public sealed record DestinationSpec(
    Located<string> Name,
    Located<string> Type,
    Located<string>? ApiKey,
    Located<string> Region,
    Located<string>? Endpoint,
    IReadOnlyList<Located<string>> Properties,
    Located<string> Mode,
    bool DryRun,
    Located<int>? MaxEventsPerBatch = null,
    Located<int>? MaxBytesPerBatch = null,
    Located<int>? Concurrency = null,
    Located<int>? MinIdLength = null)
{
    /// <summary>
    /// The allowed range of each batch setting, the one home of these limits (YAML validation and
    /// <c>PushDestination.Validate</c> both use it). Events and bytes are the Batch API's documented maxima (2,000
    /// events, 20 MB per request); Amplitude documents no limit on requests in flight, so 16 is Pipes' own bound;
    /// ids are strings of at most 1,024 characters, so a longer minimum would refuse every id.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (int Min, int Max)> Limits = new Dictionary<string, (int, int)>(StringComparer.Ordinal)
    {
        ["max_events_per_batch"] = (1, 2000),
        ["max_bytes_per_batch"] = (1024, 20_000_000),
        ["concurrency"] = (1, 16),
        ["min_id_length"] = (1, 1024),
    };

    /// <summary>The batch settings that are set, by YAML key.</summary>
    public IEnumerable<(string Key, Located<int> Value)> BatchSettings()
    {
        if (MaxEventsPerBatch is { } events) yield return ("max_events_per_batch", events);
        if (MaxBytesPerBatch is { } bytes) yield return ("max_bytes_per_batch", bytes);
        if (Concurrency is { } concurrency) yield return ("concurrency", concurrency);
        if (MinIdLength is { } minIdLength) yield return ("min_id_length", minIdLength);
    }
}
