using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace Pipes.Core.Tasks;

/// <summary>Rows of a query as a text table, CSV (RFC 4180) or JSON, every value in invariant culture.</summary>
public static class ResultTable
{
    public static string Text(IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows)
    {
        var cells = rows.Select(r => r.Select(v => v is null ? "NULL" : Escape(Format(v))).ToArray()).ToList();
        var widths = columns.Select((c, i) => Math.Max(Escape(c).Length, cells.Count == 0 ? 0 : cells.Max(r => r[i].Length))).ToArray();
        var numeric = columns.Select((_, i) => rows.Count > 0 && rows.All(r => r[i] is null || IsNumber(r[i]!))).ToArray();
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", columns.Select((c, i) => Escape(c).PadRight(widths[i]))).Append(" |\n");
        text.Append("| ").AppendJoin(" | ", widths.Select(w => new string('-', w))).Append(" |\n");
        foreach (var row in cells)
            text.Append("| ").AppendJoin(" | ", row.Select((c, i) => numeric[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).Append(" |\n");
        return text.ToString().TrimEnd('\n');
    }

    public static string Csv(IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows)
    {
        static string Field(string s) => s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var text = new StringBuilder();
        text.AppendJoin(",", columns.Select(Field)).Append('\n');
        foreach (var row in rows) text.AppendJoin(",", row.Select(v => v is null ? "" : Field(Format(v)))).Append('\n');
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>One object: the columns, the rows as objects keyed by column (names must be unique), the limit and whether it cut.</summary>
    public static string Json(string show, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, int limit, bool truncated)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("show", show);
            w.WriteStartArray("columns");
            foreach (var c in columns) w.WriteStringValue(c);
            w.WriteEndArray();
            w.WriteStartArray("rows");
            foreach (var row in rows)
            {
                w.WriteStartObject();
                for (var i = 0; i < columns.Count; i++)
                {
                    w.WritePropertyName(columns[i]);
                    WriteValue(w, row[i]);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("limit", limit);
            w.WriteBoolean("truncated", truncated);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case bool b: w.WriteBooleanValue(b); break;
            case double d when !double.IsFinite(d): w.WriteStringValue(Format(d)); break;
            case float f when !float.IsFinite(f): w.WriteStringValue(Format(f)); break;
            case IDictionary or (IEnumerable and not string and not byte[]): JsonSerializer.Serialize(w, value); break;
            case BigInteger or decimal or double or float or long or int or short or sbyte or ulong or uint or ushort or byte: w.WriteRawValue(Format(value)); break;
            default: w.WriteStringValue(Format(value)); break;
        }
    }

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static bool IsNumber(object value) =>
        value is BigInteger or decimal or double or float or long or int or short or sbyte or ulong or uint or ushort or byte;

    /// <summary>One cell as text: ISO 8601 times, hex bytes, lists and maps as JSON, numbers round-trippable.</summary>
    public static string Format(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFK", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexString(bytes),
        IDictionary or IEnumerable => JsonSerializer.Serialize(value, Relaxed),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A table cell stays on one line: control characters are shown escaped.</summary>
    private static string Escape(string s) =>
        s.Any(char.IsControl) ? s.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) : s;
}
