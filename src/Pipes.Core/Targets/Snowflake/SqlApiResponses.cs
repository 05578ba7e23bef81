using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pipes.Core.Targets.Snowflake;

/// <summary>Reads the SQL API's JSON bodies: ResultSet (200), QueryStatus (202) and failures (4xx/5xx).</summary>
internal static partial class SqlApiResponses
{
    public static SqlApiResult ReadResult(JsonElement root)
    {
        var handle = Handle(root) ?? "";
        var columns = new List<SnowflakeColumn>();
        var partitions = 1;
        long? totalRows = null;
        if (root.TryGetProperty("resultSetMetaData", out var meta) && meta.ValueKind == JsonValueKind.Object)
        {
            if (meta.TryGetProperty("rowType", out var rowType) && rowType.ValueKind == JsonValueKind.Array)
            {
                foreach (var c in rowType.EnumerateArray())
                {
                    columns.Add(new SnowflakeColumn(
                        String(c, "name") ?? "",
                        String(c, "type") ?? "text",
                        Int(c, "scale"),
                        Int(c, "precision"),
                        !c.TryGetProperty("nullable", out var n) || n.ValueKind != JsonValueKind.False));
                }
            }
            if (meta.TryGetProperty("partitionInfo", out var info) && info.ValueKind == JsonValueKind.Array)
            {
                partitions = Math.Max(1, info.GetArrayLength());
            }
            if (meta.TryGetProperty("numRows", out var numRows) && numRows.TryGetInt64(out var total)) totalRows = total;
        }
        return new SqlApiResult(handle, columns, DecodeRows(root, columns), partitions, totalRows, RowsAffected(root));
    }

    public static List<object?[]> DecodeRows(JsonElement root, IReadOnlyList<SnowflakeColumn> columns)
    {
        var rows = new List<object?[]>();
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array) return rows;
        foreach (var row in data.EnumerateArray())
        {
            var values = new object?[columns.Count];
            var i = 0;
            foreach (var cell in row.EnumerateArray())
            {
                if (i >= values.Length) break;
                var text = cell.ValueKind == JsonValueKind.Null ? null : cell.ValueKind == JsonValueKind.String ? cell.GetString() : cell.GetRawText();
                values[i] = SnowflakeValueDecoder.Decode(columns[i], text);
                i++;
            }
            rows.Add(values);
        }
        return rows;
    }

    public static string? Handle(JsonElement root) => String(root, "statementHandle");

    /// <summary>Maps a failure body (<c>code</c>, <c>sqlState</c>, <c>message</c>, <c>statementHandle</c>) to a TargetException.</summary>
    public static TargetException Failure(int status, JsonElement? body)
    {
        var code = body is { } b ? String(b, "code") : null;
        var sqlState = body is { } s ? String(s, "sqlState") : null;
        var message = body is { } m ? String(m, "message") : null;
        var handle = body is { } h ? Handle(h) : null;
        var text = status == 422
            ? message ?? "Snowflake failed the statement."
            : $"Snowflake answered HTTP {status}{Explain(status)}" + (message is null ? "." : $": {message}");
        return new TargetException(text, code ?? $"HTTP{status}", sqlState, SqlLine(message), handle);
    }

    /// <summary>The line Snowflake blames, from "... line 3 at position 7 ...".</summary>
    public static int? SqlLine(string? message)
    {
        if (message is null) return null;
        var match = LinePattern().Match(message);
        return match.Success && int.TryParse(match.Groups[1].Value, out var line) ? line : null;
    }

    private static string Explain(int status) => status switch
    {
        400 => " (bad request)",
        401 => " (not authenticated)",
        403 => " (forbidden)",
        404 => " (not found: check the account identifier)",
        408 => " (statement timed out and was cancelled)",
        429 => " (too many requests)",
        _ => "",
    };

    private static long? RowsAffected(JsonElement root)
    {
        if (!root.TryGetProperty("stats", out var stats) || stats.ValueKind != JsonValueKind.Object) return null;
        long total = 0;
        var any = false;
        foreach (var name in new[] { "numRowsInserted", "numRowsUpdated", "numRowsDeleted" })
        {
            if (stats.TryGetProperty(name, out var v) && v.TryGetInt64(out var n))
            {
                total += n;
                any = true;
            }
        }
        return any ? total : null;
    }

    private static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())
            : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    [GeneratedRegex(@"line (\d+) at position (\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex LinePattern();
}
