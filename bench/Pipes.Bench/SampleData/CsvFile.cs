using System.Text;

namespace Pipes.Bench.SampleData;

/// <summary>Writes a CSV file: header row, "\n" line endings, RFC 4180 quoting, UTF-8 without BOM.</summary>
internal static class CsvFile
{
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        AppendRow(text, header);
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
            {
                throw new InvalidOperationException($"{Path.GetFileName(path)}: row has {row.Count} fields, header {header.Count}");
            }

            AppendRow(text, row);
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    private static void AppendRow(StringBuilder text, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(Quote(fields[i]));
        }

        text.Append('\n');
    }

    /// <summary>Quotes a field holding a comma, quote or line break, or leading/trailing spaces (kept, not trimmed).</summary>
    internal static string Quote(string field)
    {
        var needsQuotes = field.AsSpan().IndexOfAny(",\"\r\n") >= 0
            || (field.Length > 0 && (char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1])));
        return needsQuotes ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
    }
}
