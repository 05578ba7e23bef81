using System.Text;
using Pipes.Core.Diagnostics;

namespace Pipes.Core.Seeds;

/// <summary>
/// A strict RFC 4180 reader: quoted fields may hold commas, quotes ("") and newlines; every row must have as many
/// fields as the header. Small enough that a dependency would not pay for itself, and it reports file(line,col).
/// </summary>
public sealed record CsvTable(IReadOnlyList<string> Header, IReadOnlyList<string?[]> Rows)
{
    /// <summary>The 1-based line of the file where each row of <see cref="Rows"/> starts, for run-time errors.</summary>
    public IReadOnlyList<int> RowLines { get; init; } = [];

    /// <summary>Empty fields become null.</summary>
    public static CsvTable? Parse(string text, string displayPath, DiagnosticBag bag)
    {
        var records = new List<(int Line, List<string?> Fields)>();
        var fields = new List<string?>();
        var field = new StringBuilder();
        var line = 1;
        var lineStart = 0;
        var recordLine = 1;
        var quoted = false;
        var wasQuoted = false;
        // Where the current quoted field opened: an unbalanced quote is reported there, not where parsing gave up.
        var quoteLine = 0;
        var quoteColumn = 0;
        var i = 0;
        if (text.Length == 0)
        {
            bag.Error(DiagnosticCodes.MalformedCsv, SourceSpan.At(displayPath, 1, 1), "the seed is empty (0 bytes); it needs a header row");
            return null;
        }
        if (text.StartsWith('\uFEFF')) i = lineStart = 1;
        void EndField()
        {
            fields.Add(field.Length == 0 && !wasQuoted ? null : field.ToString());
            field.Clear();
            wasQuoted = false;
        }
        void EndRecord()
        {
            EndField();
            // A blank line is a record (one NULL) once the header has one column, as DuckDB's read_csv reads it;
            // with more columns it is skipped, as there too. Before the header it is skipped either way.
            var blank = fields.Count == 1 && fields[0] is null;
            if (!blank || records.Count > 0 && records[0].Fields.Count == 1) records.Add((recordLine, fields));
            fields = new List<string?>();
        }
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                // Engines end strings at NUL (DuckDB then reports an unterminated literal): refuse it where it is.
                bag.Error(DiagnosticCodes.MalformedCsv, SourceSpan.At(displayPath, line, i - lineStart + 1), "a NUL byte (\\0) in the CSV; seeds are text, remove it");
                return null;
            }
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else
                {
                    if (c == '\n') { line++; lineStart = i + 1; }
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0 && !wasQuoted:
                    quoted = true;
                    wasQuoted = true;
                    quoteLine = line;
                    quoteColumn = i - lineStart + 1;
                    break;
                case ',':
                    EndField();
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\r':
                    // RFC 4180 allows CR only in CRLF or a quoted field; DuckDB's read_csv refuses the file too.
                    bag.Error(DiagnosticCodes.MalformedCsv, SourceSpan.At(displayPath, line, i - lineStart + 1), "a carriage return (\\r) not followed by a line feed; quote the field, or end lines with \\n or \\r\\n");
                    return null;
                case '\n':
                    EndRecord();
                    line++;
                    lineStart = i + 1;
                    recordLine = line;
                    break;
                default:
                    if (wasQuoted)
                    {
                        bag.Error(DiagnosticCodes.MalformedCsv, SourceSpan.At(displayPath, quoteLine, quoteColumn), quoteLine == line
                            ? "text after a closing quote; quote the whole field and double inner quotes"
                            : $"the quoted field opened here runs to line {line}, where text follows its closing quote; is a quote unbalanced?");
                        return null;
                    }
                    field.Append(c);
                    break;
            }
        }
        if (quoted)
        {
            bag.Error(DiagnosticCodes.MalformedCsv, SourceSpan.At(displayPath, quoteLine, quoteColumn), "the quoted field opened here is never closed");
            return null;
        }
        if (field.Length > 0 || fields.Count > 0 || wasQuoted) EndRecord();
        if (records.Count == 0)
        {
            bag.Error(DiagnosticCodes.MalformedCsv, SourceSpan.At(displayPath, 1, 1), "the seed has no header row; its first line must name the columns");
            return null;
        }
        var header = records[0].Fields.Select(f => f ?? "").ToList();
        var ok = true;
        foreach (var (name, index) in header.Select((h, k) => (h, k)))
        {
            if (name.Length == 0) { bag.Error(DiagnosticCodes.MalformedCsv, SourceSpan.At(displayPath, records[0].Line, 1), $"column {index + 1} of the header has no name"); ok = false; }
            else if (header.IndexOf(name) != index) { bag.Error(DiagnosticCodes.MalformedCsv, SourceSpan.At(displayPath, records[0].Line, 1), $"column '{name}' appears twice in the header"); ok = false; }
        }
        foreach (var (recordAt, values) in records.Skip(1).Where(r => r.Fields.Count != header.Count))
        {
            bag.Error(DiagnosticCodes.MalformedCsv, SourceSpan.At(displayPath, recordAt, 1), $"row has {values.Count} fields, the header has {header.Count}");
            ok = false;
        }
        if (!ok) return null;
        return new CsvTable(header, records.Skip(1).Select(r => r.Fields.ToArray()).ToList())
        {
            RowLines = records.Skip(1).Select(r => r.Line).ToList(),
        };
    }
}
