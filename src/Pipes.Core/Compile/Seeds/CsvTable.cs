using System.Text;
using Pipes.Core.Diagnostics;

namespace Pipes.Core.Compile.Seeds;

/// <summary>
/// A strict RFC 4180 reader: quoted fields may hold commas, quotes ("") and newlines; every row must have as many
/// fields as the header. Small enough that a dependency would not pay for itself, and it reports file:line.
/// </summary>
public sealed record CsvTable(IReadOnlyList<string> Header, IReadOnlyList<string?[]> Rows)
{
    /// <summary>Empty fields become null.</summary>
    public static CsvTable? Parse(string text, string displayPath, DiagnosticBag bag)
    {
        var records = new List<(int Line, List<string?> Fields)>();
        var fields = new List<string?>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var wasQuoted = false;
        var i = 0;
        if (text.StartsWith('\uFEFF')) i = 1;
        void EndField()
        {
            fields.Add(field.Length == 0 && !wasQuoted ? null : field.ToString());
            field.Clear();
            wasQuoted = false;
        }
        void EndRecord()
        {
            EndField();
            if (!(fields.Count == 1 && fields[0] is null)) records.Add((recordLine, fields));
            fields = new List<string?>();
        }
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; field.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0 && !wasQuoted:
                    quoted = true;
                    wasQuoted = true;
                    break;
                case ',':
                    EndField();
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRecord();
                    line++;
                    recordLine = line;
                    break;
                default:
                    if (wasQuoted)
                    {
                        bag.Error(DiagnosticCodes.MalformedCsv, SourceSpan.At(displayPath, line, 1), "text after a closing quote; quote the whole field and double inner quotes");
                        return null;
                    }
                    field.Append(c);
                    break;
            }
        }
        if (quoted)
        {
            bag.Error(DiagnosticCodes.MalformedCsv, SourceSpan.At(displayPath, recordLine, 1), "a quoted field is never closed");
            return null;
        }
        if (field.Length > 0 || fields.Count > 0 || wasQuoted) EndRecord();
        if (records.Count == 0)
        {
            bag.Error(DiagnosticCodes.MalformedCsv, SourceSpan.FileOnly(displayPath), "the seed is empty; it needs a header row");
            return null;
        }
        var header = records[0].Fields.Select(f => f ?? "").ToList();
        var ok = true;
        foreach (var (name, index) in header.Select((h, k) => (h, k)))
        {
            if (name.Length == 0) { bag.Error(DiagnosticCodes.MalformedCsv, SourceSpan.At(displayPath, 1, 1), $"column {index + 1} of the header has no name"); ok = false; }
            else if (header.IndexOf(name) != index) { bag.Error(DiagnosticCodes.MalformedCsv, SourceSpan.At(displayPath, 1, 1), $"column '{name}' appears twice in the header"); ok = false; }
        }
        foreach (var (recordAt, values) in records.Skip(1).Where(r => r.Fields.Count != header.Count))
        {
            bag.Error(DiagnosticCodes.MalformedCsv, SourceSpan.At(displayPath, recordAt, 1), $"row has {values.Count} fields, the header has {header.Count}");
            ok = false;
        }
        return ok ? new CsvTable(header, records.Skip(1).Select(r => r.Fields.ToArray()).ToList()) : null;
    }
}
