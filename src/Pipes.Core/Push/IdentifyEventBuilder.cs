using System.Buffers;
using System.Text.Json;

namespace Pipes.Core.Push;

/// <summary>
/// Turns a pending row into an <c>$identify</c> event: <c>$set</c> for new or changed values, <c>$unset</c> ("-")
/// for keys Amplitude may hold that are gone (or null) now; operations only, never plain keys beside them. When the
/// identity's last delivery is uncertain (or on a full resync) the event carries the complete state: <c>$set</c> of
/// every value, <c>$unset</c> of every key Pipes may have set.
/// </summary>
public sealed class IdentifyEventBuilder
{
    /// <summary>Null when nothing would change in Amplitude (the hash moved but the properties did not).</summary>
    /// <exception cref="FormatException">The row's properties are not a JSON object; the row is refused, the push goes on.</exception>
    public PushEvent? Build(PendingRow row, bool fullResync, long timeMs)
    {
        var amplitudeId = row.AmplitudeId ?? throw new ArgumentException("row has no usable Amplitude id", nameof(row));
        using var current = ParseObject(row.Properties, "properties")
            ?? throw new FormatException("properties are not a JSON object");
        using var previous = ParseObject(row.PushedProperties, "the state's properties");
        using var pushedKeys = row.Uncertain || row.Vanished ? ParseArray(row.PushedKeys) : null;
        var complete = fullResync || row.Uncertain;

        var set = new List<JsonProperty>();
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in current.RootElement.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Null) continue;
            present.Add(p.Name);
            if (!complete && previous is not null && Find(previous.RootElement, p.Name) is { } old && JsonElement.DeepEquals(old, p.Value)) continue;
            set.Add(p);
        }
        // Every key Amplitude may hold and the profile no longer has: last accepted values, plus, while uncertain
        // (or gone from the relation), every key sent since.
        var held = new List<string>();
        if (previous is not null)
            held.AddRange(previous.RootElement.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null).Select(p => p.Name));
        if (pushedKeys is not null)
            held.AddRange(pushedKeys.RootElement.EnumerateArray().Where(k => k.ValueKind == JsonValueKind.String).Select(k => k.GetString()!));
        var unset = held.Where(k => !present.Contains(k)).Distinct(StringComparer.Ordinal).ToList();
        if (set.Count == 0 && unset.Count == 0) return null;

        var insertId = row.InsertId ?? throw new ArgumentException("row has no insert_id", nameof(row));
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("event_type", "$identify");
            if (row.UserId is not null) w.WriteString("user_id", row.UserId);
            if (row.DeviceId is not null) w.WriteString("device_id", row.DeviceId);
            w.WriteString("insert_id", insertId);
            w.WriteNumber("time", timeMs);
            w.WriteStartObject("user_properties");
            if (set.Count > 0)
            {
                w.WriteStartObject("$set");
                foreach (var p in set) p.WriteTo(w);
                w.WriteEndObject();
            }
            if (unset.Count > 0)
            {
                w.WriteStartObject("$unset");
                foreach (var key in unset) w.WriteString(key, "-");
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return new PushEvent(row.Seq, amplitudeId, row.ProfileId, row.UserId, row.DeviceId, insertId, row.ContentHash, row.Properties, buffer.WrittenMemory.ToArray());
    }

    private static JsonDocument? ParseObject(string? text, string what)
    {
        if (text is null) return null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{what} are not valid JSON ({e.Message})", e);
        }
        if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
        document.Dispose();
        return null;
    }

    private static JsonDocument? ParseArray(string? text)
    {
        if (text is null) return null;
        try
        {
            var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Array) return document;
            document.Dispose();
        }
        catch (JsonException)
        {
        }
        return null;
    }

    private static JsonElement? Find(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) ? v : null;
}
