using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Pipes.Core.Push;

/// <summary>
/// Turns a pending row into an <c>$identify</c> event: <c>$set</c> for new or changed values, <c>$unset</c> ("-")
/// for keys pushed last time and gone (or null) now; operations only, never plain keys beside them.
/// </summary>
public sealed class IdentifyEventBuilder(string destination)
{
    /// <summary>Null when nothing would change in Amplitude (the hash moved but the properties did not).</summary>
    public PushEvent? Build(PendingRow row, bool fullResync, long timeMs)
    {
        var amplitudeId = row.AmplitudeId ?? throw new ArgumentException("row has no usable Amplitude id", nameof(row));
        using var current = JsonDocument.Parse(row.Properties);
        using var previous = fullResync || row.PushedProperties is null ? null : JsonDocument.Parse(row.PushedProperties);
        if (current.RootElement.ValueKind != JsonValueKind.Object) throw new FormatException($"properties of profile '{row.ProfileId}' are not a JSON object");

        var set = new List<JsonProperty>();
        foreach (var p in current.RootElement.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Null) continue;
            if (previous is not null && Find(previous.RootElement, p.Name) is { } old && JsonElement.DeepEquals(old, p.Value)) continue;
            set.Add(p);
        }
        var unset = new List<string>();
        if (previous is not null && previous.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in previous.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Null) continue;
                if (Find(current.RootElement, p.Name) is not { ValueKind: not JsonValueKind.Null }) unset.Add(p.Name);
            }
        }
        if (set.Count == 0 && unset.Count == 0) return null;

        var insertId = InsertId(destination, amplitudeId, row.ContentHash);
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

    /// <summary>Deterministic, so a resend after a crash is deduplicated by Amplitude (7 days).</summary>
    public static string InsertId(string destination, string amplitudeId, string contentHash)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{destination}\n{amplitudeId}\n{contentHash}"));
        return "pipes-" + Convert.ToHexStringLower(hash, 0, 16);
    }

    private static JsonElement? Find(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) ? v : null;
}
