using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipes.Core.Targets;

/// <summary>Turns the cells an engine returns into JSON values, the same way for DuckDB and Snowflake.</summary>
public static class Cells
{
    public static JsonNode? Json(object? value) => value switch
    {
        null or DBNull => null,
        string s when s.Length > 1 && s[0] == '[' && s[^1] == ']' && TryArray(s) is { } array => array, // Snowflake returns ARRAY as JSON text
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        DateTime d => JsonValue.Create(Iso(d)),
        DateTimeOffset d => JsonValue.Create(Iso(d.UtcDateTime)),
        System.Numerics.BigInteger big => JsonValue.Create((long)big),
        long or int or short or byte or sbyte or ushort or uint => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        ulong u => JsonValue.Create((long)u),
        double d => double.IsFinite(d) ? JsonValue.Create(d) : JsonValue.Create(d.ToString(CultureInfo.InvariantCulture)),
        float f => JsonValue.Create((double)f),
        decimal m => JsonValue.Create(m),
        IEnumerable list => new JsonArray(list.Cast<object?>().Select(Json).ToArray()),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    public static long Long(object? value) => value switch
    {
        null or DBNull => 0,
        System.Numerics.BigInteger big => (long)big, // DuckDB's HUGEINT sums
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    public static string Text(object? value) => value switch
    {
        null or DBNull => "",
        DateTime d => Iso(d),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    public static string Iso(DateTime d) => d.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A JSON object whose keys are the given names, in order, and whose values are the row's cells.</summary>
    public static JsonObject Row(object?[] row, params string[] names)
    {
        var o = new JsonObject();
        for (var i = 0; i < names.Length; i++) o[names[i]] = i < row.Length ? Json(row[i]) : null;
        return o;
    }

    private static JsonArray? TryArray(string text)
    {
        try { return JsonNode.Parse(text) as JsonArray; }
        catch (JsonException) { return null; }
    }
}
