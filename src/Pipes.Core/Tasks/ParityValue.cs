using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipes.Core.Tasks;

/// <summary>
/// One text form per value, so a cell read from DuckDB and the same cell read from Snowflake compare equal:
/// numbers without trailing zeros or engine type (BIGINT 3, NUMBER(38,0) "3", DOUBLE 3.0 are all "3"), timestamps
/// as <c>yyyy-MM-dd HH:mm:ss.fffffff</c> without trailing zeros (offsets converted to UTC), lists and JSON text
/// (DuckDB LIST, Snowflake ARRAY sent as JSON) as compact JSON, other text in double quotes, NULL as <c>NULL</c>.
/// </summary>
public static class ParityValue
{
    public static string Text(object? value) => value switch
    {
        null or DBNull => "NULL",
        string s => JsonText(s) ?? Quoted(s),
        bool b => b ? "true" : "false",
        decimal d => Number(d),
        double d => double.IsFinite(d) && Math.Abs(d) < 7.9e27 ? Number((decimal)d) : d.ToString("R", CultureInfo.InvariantCulture),
        float f => Text((double)f),
        BigInteger big => big.ToString(CultureInfo.InvariantCulture),
        sbyte or byte or short or ushort or int or uint or long or ulong => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        DateTime t => Timestamp(t),
        DateTimeOffset t => Timestamp(t.UtcDateTime),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexString(bytes),
        IEnumerable items => Json(items).ToJsonString(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    // Quoted, so the text 'NULL' or '3' never equals SQL NULL or the number 3.
    private static string Quoted(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Number(decimal d) => d == 0 ? "0" : d.ToString("0.############################", CultureInfo.InvariantCulture);

    private static string Timestamp(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');

    /// <summary>Text that is a JSON array or object, re-written compactly; null for any other text.</summary>
    private static string? JsonText(string s)
    {
        var trimmed = s.AsSpan().Trim();
        if (trimmed.Length < 2 || !((trimmed[0] == '[' && trimmed[^1] == ']') || (trimmed[0] == '{' && trimmed[^1] == '}'))) return null;
        try
        {
            return JsonNode.Parse(s)?.ToJsonString();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonNode? Json(object? value) => value switch
    {
        null or DBNull => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        IDictionary map => new JsonObject(map.Keys.Cast<object>().Select(k =>
            KeyValuePair.Create(Convert.ToString(k, CultureInfo.InvariantCulture)!, Json(map[k])))),
        IEnumerable items and not string => new JsonArray(items.Cast<object?>().Select(Json).ToArray()),
        _ when Text(value) is var text && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        _ => JsonValue.Create(Text(value)),
    };
}
