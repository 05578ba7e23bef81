using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pipes.Core.Ingest;

/// <summary>One file of an archive: its name and its events, each a staging row (see <see cref="ExportArchive.Columns"/>).</summary>
public sealed record ExportFile(string Name, IReadOnlyList<string?[]> Rows);

/// <summary>
/// Reads an Export API archive: a ZIP of gzipped JSON-lines files named <c>&lt;project_id&gt;/&lt;project_id&gt;_&lt;date&gt;_&lt;hour&gt;#&lt;n&gt;.json.gz</c>.
/// Each file is decompressed as a stream and yielded with its rows, so at most one file's events are in memory. A
/// name out of that layout, a file for another hour, or a line that is not a JSON object is an error naming the
/// file and line: nothing is skipped silently.
/// </summary>
public static partial class ExportArchive
{
    /// <summary>The staging columns, all text; the first two are filled by the ingester.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["export_hour", "export_file", "file_line", "uuid", "insert_id", "event_type", "user_id", "device_id", "amplitude_id", "event_time", "server_upload_time", "event_json"];

    // The JSON field behind each column from "uuid" on (event_json is the line itself).
    private static readonly string[] Fields = ["uuid", "$insert_id", "event_type", "user_id", "device_id", "amplitude_id", "event_time", "server_upload_time"];

    public static IEnumerable<ExportFile> Read(string archivePath, DateTime hour)
    {
        var hourText = ExportHour.Text(hour);
        using var zip = ZipFile.OpenRead(archivePath);
        foreach (var entry in zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            if (entry.FullName.EndsWith('/')) continue; // a folder entry holds no data
            var name = FileName().Match(entry.FullName);
            if (!name.Success)
                throw new IngestException($"hour {hourText}: archive entry '{entry.FullName}' is not named <project_id>/<project_id>_<date>_<hour>#<n>.json.gz as the Export API documents");
            var fileHour = DateTime.ParseExact(name.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
                .AddHours(int.Parse(name.Groups["hour"].Value, CultureInfo.InvariantCulture));
            if (fileHour != hour)
                throw new IngestException($"hour {hourText}: archive entry '{entry.FullName}' holds hour {ExportHour.Text(fileHour)}, not the hour asked for");
            yield return new ExportFile(entry.FullName, ReadLines(entry, hourText));
        }
    }

    private static List<string?[]> ReadLines(ZipArchiveEntry entry, string hourText)
    {
        var rows = new List<string?[]>();
        using var gzip = new GZipStream(entry.Open(), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var lineNumber = 0;
        try
        {
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (line.Length == 0) continue; // the trailing newline of the last event
                rows.Add(Row(line, entry.FullName, lineNumber, hourText));
            }
        }
        catch (InvalidDataException e)
        {
            throw new IngestException($"hour {hourText}: {entry.FullName} is not valid gzip after line {lineNumber} ({e.Message})", e);
        }
        return rows;
    }

    private static string?[] Row(string line, string file, int lineNumber, string hourText)
    {
        var row = new string?[Columns.Count];
        row[0] = hourText;
        row[1] = file;
        row[2] = lineNumber.ToString(CultureInfo.InvariantCulture);
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new IngestException($"hour {hourText}: {file} line {lineNumber} is not a JSON object");
            for (var i = 0; i < Fields.Length; i++)
            {
                row[3 + i] = document.RootElement.TryGetProperty(Fields[i], out var value) ? value.ValueKind switch
                {
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    JsonValueKind.String => value.GetString(),
                    _ => value.GetRawText(),
                } : null;
            }
        }
        catch (JsonException e)
        {
            throw new IngestException($"hour {hourText}: {file} line {lineNumber} is not valid JSON ({e.Message})", e);
        }
        row[^1] = line;
        return row;
    }

    [GeneratedRegex(@"^(?<project>\d+)/\k<project>_(?<date>\d{4}-\d{2}-\d{2})_(?<hour>\d{1,2})#(?<n>\d+)\.json\.gz$")]
    private static partial Regex FileName();
}
