using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipes.Tests.TestKit;

public sealed partial class AmplitudeServer
{
    private static readonly HashSet<string> Placeholders = new(StringComparer.OrdinalIgnoreCase)
    {
        "anonymous", "nil", "none", "null", "n/a", "na", "undefined", "unknown", "",
        "00000000-0000-0000-0000-000000000000", "{}", "0", "-1", "lmy47d",
    };

    /// <summary>The documented checks, in Amplitude's order: size, body, key, count, then each event.</summary>
    private (int Status, string Body, JsonArray? Events) Handle(MemoryStream buffer, long bytes)
    {
        if (bytes > MaxBytes) return (413, Error(413, "Payload too large"), null);
        var request = Parse(buffer);
        if (request is null) return (400, Error(400, "Invalid JSON request body"), null);
        var key = (string?)request["api_key"];
        if (key != ApiKey) return (400, Error(400, $"Invalid API key: {key}"), null);
        if (request["events"] is not JsonArray events) return (400, Error(400, "Request missing required field", missing: "events"), null);
        if (events.Count > MaxEvents) return (400, Error(400, $"Too many events in request: {events.Count} > {MaxEvents}"), events);
        var minIdLength = (int?)request["options"]?["min_id_length"] ?? 5;

        var invalid = new Dictionary<string, JsonArray>();
        var missing = new Dictionary<string, JsonArray>();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i] as JsonObject;
            if (e is null || (string?)e["event_type"] is null) Add(missing, "event_type", i);
            else if (!ValidId(e["user_id"], minIdLength) && !ValidId(e["device_id"], minIdLength)) Add(missing, "user_id", i);
            else if (e["user_properties"] is JsonObject props && !ValidProperties(props)) Add(invalid, "user_properties", i);
        }
        if (invalid.Count > 0 || missing.Count > 0)
        {
            var body = new JsonObject
            {
                ["code"] = 400,
                ["error"] = missing.Count > 0 ? "Request missing required field" : "Invalid field values on some events",
                ["missing_field"] = missing.Keys.FirstOrDefault(),
                ["events_with_invalid_fields"] = new JsonObject(invalid.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
                ["events_with_missing_fields"] = new JsonObject(missing.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            };
            return (400, body.ToJsonString(), events);
        }
        Ingest(events);
        var ok = new JsonObject
        {
            ["code"] = 200,
            ["events_ingested"] = events.Count,
            ["payload_size_bytes"] = bytes,
            ["server_upload_time"] = Clock.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        return (200, ok.ToJsonString(), events);
    }

    private void Ingest(JsonArray events)
    {
        Interlocked.Add(ref _ingested, events.Count);
        if (!TrackEvents) return;
        lock (_profilesGate)
        {
            foreach (var e in events.OfType<JsonObject>())
            {
                var insertId = (string?)e["insert_id"] ?? Guid.NewGuid().ToString();
                // Amplitude drops an insert_id it has seen (7 days): the duplicate changes nothing.
                if (Events.TryAdd(insertId, (JsonObject)e.DeepClone())) Apply(e);
            }
        }
    }

    /// <summary>An <c>$identify</c> applied as Amplitude documents: <c>$set</c> writes values, <c>$unset</c> removes keys, in that order.</summary>
    private void Apply(JsonObject e)
    {
        if ((string?)e["event_type"] != "$identify" || e["user_properties"] is not JsonObject props) return;
        var id = (string?)e["user_id"] ?? (string?)e["device_id"];
        if (id is null) return;
        var profile = _profiles.GetOrAdd(id, _ => []);
        if (props["$set"] is JsonObject set)
            foreach (var (key, value) in set) profile[key] = value?.DeepClone();
        if (props["$unset"] is JsonObject unset)
            foreach (var (key, _) in unset) profile.Remove(key);
    }

    private static bool ValidId(JsonNode? id, int minIdLength) =>
        id is JsonValue v && v.TryGetValue<string>(out var s) && s.Length >= minIdLength && !Placeholders.Contains(s);

    /// <summary>Operations only (no plain key beside a <c>$</c> one), strings of at most 1,024 characters.</summary>
    private static bool ValidProperties(JsonObject props)
    {
        var operations = props.Count(p => p.Key.StartsWith('$'));
        if (operations > 0 && operations < props.Count) return false;
        return props.All(p => WithinLimits(p.Value, depth: 1));
    }

    private static bool WithinLimits(JsonNode? node, int depth) => node switch
    {
        _ when depth > 40 => false,
        JsonObject o => o.All(p => WithinLimits(p.Value, depth + 1)),
        JsonArray a => a.All(v => WithinLimits(v, depth + 1)),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length <= 1024,
        _ => true,
    };

    private static void Add(Dictionary<string, JsonArray> into, string field, int index)
    {
        if (!into.TryGetValue(field, out var list)) into[field] = list = [];
        list.Add(index);
    }

    private static string Error(int code, string error, string? missing = null)
    {
        var body = new JsonObject { ["code"] = code, ["error"] = error };
        if (missing is not null) body["missing_field"] = missing;
        return body.ToJsonString();
    }
}
