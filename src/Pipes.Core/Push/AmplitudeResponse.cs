using System.Text.Json;

namespace Pipes.Core.Push;

/// <summary>A Batch API answer, parsed. <see cref="Error"/> never holds the API key (Amplitude echoes it on 400).</summary>
public sealed record AmplitudeResponse(int Status, AmplitudeResponseKind Kind, string? Error)
{
    private static readonly IReadOnlySet<string> NoIds = new HashSet<string>();

    public int EventsIngested { get; init; }
    /// <summary>400: event index → reason built from <c>events_with_invalid_fields</c> / <c>events_with_missing_fields</c>.</summary>
    public IReadOnlyDictionary<int, string> RefusedEvents { get; init; } = new Dictionary<int, string>();
    public IReadOnlySet<string> ThrottledUsers { get; init; } = NoIds;
    public IReadOnlySet<string> ThrottledDevices { get; init; } = NoIds;
    public IReadOnlySet<int> ThrottledEvents { get; init; } = new HashSet<int>();
    public IReadOnlySet<string> ExceededDailyQuotaUsers { get; init; } = NoIds;
    public IReadOnlySet<string> ExceededDailyQuotaDevices { get; init; } = NoIds;

    public static AmplitudeResponse Failure(int status, string error) => new(status, AmplitudeResponseKind.Failed, error);

    /// <summary>Reads a body of any status; malformed JSON yields what the status alone says.</summary>
    public static AmplitudeResponse Parse(int status, string body, string apiKey)
    {
        JsonElement root = default;
        try
        {
            if (body.Length > 0) root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
        }
        var error = Redact(Text(root, "error"), apiKey);
        switch (status)
        {
            case 200:
                return new AmplitudeResponse(200, AmplitudeResponseKind.Accepted, null) { EventsIngested = Int(root, "events_ingested") };
            case 400 when error is not null && error.StartsWith("Invalid API key", StringComparison.OrdinalIgnoreCase):
                return new AmplitudeResponse(400, AmplitudeResponseKind.InvalidApiKey, "Invalid API key");
            case 400:
                var refused = new Dictionary<int, string>();
                Collect(root, "events_with_invalid_fields", "invalid", error, refused);
                Collect(root, "events_with_missing_fields", "missing", error, refused);
                return new AmplitudeResponse(400, AmplitudeResponseKind.Invalid, error ?? "HTTP 400") { RefusedEvents = refused };
            case 413:
                return new AmplitudeResponse(413, AmplitudeResponseKind.TooLarge, error ?? "payload too large");
            case 429:
                return new AmplitudeResponse(429, AmplitudeResponseKind.Throttled, error ?? "too many requests")
                {
                    ThrottledUsers = Keys(root, "throttled_users"),
                    ThrottledDevices = Keys(root, "throttled_devices"),
                    ThrottledEvents = Indexes(root, "throttled_events"),
                    ExceededDailyQuotaUsers = Keys(root, "exceeded_daily_quota_users"),
                    ExceededDailyQuotaDevices = Keys(root, "exceeded_daily_quota_devices"),
                };
            default:
                return Failure(status, error is null ? $"HTTP {status}" : $"HTTP {status}: {error}");
        }
    }

    private static void Collect(JsonElement root, string name, string verb, string? error, Dictionary<int, string> into)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out var fields) || fields.ValueKind != JsonValueKind.Object) return;
        foreach (var field in fields.EnumerateObject())
        {
            if (field.Value.ValueKind != JsonValueKind.Array) continue;
            foreach (var index in field.Value.EnumerateArray())
            {
                if (index.TryGetInt32(out var i)) into.TryAdd(i, error is null ? $"{verb} field '{field.Name}'" : $"{verb} field '{field.Name}': {error}");
            }
        }
    }

    private static HashSet<string> Keys(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var map) && map.ValueKind == JsonValueKind.Object
            ? map.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
            : [];

    private static HashSet<int> Indexes(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Number).Select(e => e.GetInt32()).ToHashSet()
            : [];

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int Int(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.TryGetInt32(out var i) ? i : 0;

    private static string? Redact(string? text, string apiKey) =>
        text is null || apiKey.Length == 0 ? text : text.Replace(apiKey, AmplitudeRequestBody.RedactedKey, StringComparison.Ordinal);
}

/// <summary>How the pusher must treat a Batch API answer.</summary>
public enum AmplitudeResponseKind
{
    /// <summary>200: every event ingested.</summary>
    Accepted,
    /// <summary>400 <c>Invalid API key</c>: nothing will ever pass; stop the run.</summary>
    InvalidApiKey,
    /// <summary>400: the listed events are refused; the others may be resent.</summary>
    Invalid,
    /// <summary>413: halve the batch.</summary>
    TooLarge,
    /// <summary>429: delay throttled users and devices, give up on daily-quota ones, resend the rest.</summary>
    Throttled,
    /// <summary>5xx or network failure after every retry, or an answer Pipes does not understand.</summary>
    Failed,
}

/// <summary>Amplitude refused the destination's API key; the run stops. The message never contains the key.</summary>
public sealed class InvalidApiKeyException(string destination)
    : Exception($"Amplitude refused the API key of destination '{destination}' (400 Invalid API key); check the key and the region.")
{
    public string Destination { get; } = destination;
}
