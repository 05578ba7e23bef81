using System.Buffers;
using System.Text.Json;

namespace Pipes.Core.Push;

/// <summary>The Batch API body: <c>{"api_key":..., "events":[...], "options":{"min_id_length":N}}</c>.</summary>
public static class AmplitudeRequestBody
{
    /// <summary>Stands in for the API key wherever a body is shown or written to disk.</summary>
    public const string RedactedKey = "***";

    /// <summary>Bytes of the body around the events, for sizing batches (generous).</summary>
    public static int Overhead(string apiKey) => 128 + apiKey.Length * 6;

    public static byte[] Build(string apiKey, IReadOnlyList<PushEvent> events, int minIdLength)
    {
        var buffer = new ArrayBufferWriter<byte>(Overhead(apiKey) + events.Sum(e => e.Json.Length + 1));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("api_key", apiKey);
            w.WriteStartArray("events");
            foreach (var e in events) w.WriteRawValue(e.Json.Span, skipInputValidation: true);
            w.WriteEndArray();
            w.WriteStartObject("options");
            w.WriteNumber("min_id_length", minIdLength);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
