using Pipes.Core.Yaml;

namespace Pipes.Core.Properties;

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
    /// <summary>The destination kinds: the push (<c>$identify</c> calls) and the two tables Amplitude reads from the warehouse (docs/amplitude-warehouse.md).</summary>
    public const string Push = "amplitude", Profiles = "amplitude_profiles", Mirror = "amplitude_mirror";

    public static readonly IReadOnlyList<string> Kinds = [Push, Profiles, Mirror];

    /// <summary>The keys each kind accepts; any other key set on a destination of that kind is an error at its position.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> KeysByKind = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Push] = ["name", "type", "api_key", "region", "endpoint", "properties", "mode", "dry_run", "max_events_per_batch", "max_bytes_per_batch", "concurrency", "min_id_length"],
        [Profiles] = ["name", "type", "properties", "dry_run", "retention_days"],
        [Mirror] = ["name", "type", "events", "insert_id", "dry_run", "retention_days"],
    };

    /// <summary>
    /// DATA_RETENTION_TIME_IN_DAYS of a warehouse-native table: 7 by default (Amplitude's Profiles setup uses 7);
    /// Snowflake allows 0..90 on Enterprise Edition and 0..1 on Standard Edition, which the account enforces.
    /// </summary>
    public const int DefaultRetentionDays = 7;

    /// <summary>Where a warehouse-native table's Snowflake time travel is kept (days); see <see cref="DefaultRetentionDays"/>.</summary>
    public Located<int>? RetentionDays { get; init; }

    /// <summary><c>amplitude_mirror</c>: the seed, model or <c>source.table</c> holding the events.</summary>
    public Located<string>? Events { get; init; }

    /// <summary><c>amplitude_mirror</c>: the events column that holds each event's stable insert_id (default <c>insert_id</c>).</summary>
    public Located<string>? InsertId { get; init; }

    /// <summary>The keys set in YAML, with their positions (for the per-kind check).</summary>
    public IReadOnlyList<Located<string>> Keys { get; init; } = [];

    /// <summary>Whether this destination is a table Amplitude reads from the warehouse rather than a push.</summary>
    public bool IsWarehouseTable => Type.Value is Profiles or Mirror;

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
