using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pipes.Tests.TestKit;

/// <summary>
/// A seed CSV with quotes, commas, newlines, empty fields and non-ASCII text, and the checksum of its content (the seed
/// tests and the seed benchmark).
/// </summary>
public static class GeneratedSeed
{
    /// <summary>Writes the file; returns its text and the MD5 (hex) of one <c>id|name|flag|day</c> line per row, in id order.</summary>
    public static (string Csv, string Checksum) Write(string path, int rows)
    {
        var csv = new StringBuilder("id,name,flag,day\n");
        var content = new StringBuilder();
        var epoch = new DateOnly(2026, 1, 1);
        for (var i = 1; i <= rows; i++)
        {
            string? name = (i % 13) switch
            {
                0 => null,
                1 => $"O'Brien, \"Ann\" {i}",
                2 => $"two\nlines {i}",
                3 => $"İstanbul {i}",
                _ => $"name {i}",
            };
            var flag = i % 17 == 0 ? null : i % 2 == 0 ? "true" : "false";
            var day = epoch.AddDays(i % 365).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            csv.Append(i).Append(',').Append(name is null ? "" : "\"" + name.Replace("\"", "\"\"") + "\"").Append(',').Append(flag).Append(',').Append(day).Append('\n');
            if (i > 1) content.Append('\n');
            content.Append(i).Append('|').Append(name ?? "\\N").Append('|').Append(flag ?? "\\N").Append('|').Append(day);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, csv.ToString());
        return (csv.ToString(), Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(content.ToString()))));
    }

    /// <summary>The same checksum computed by DuckDB over the loaded table.</summary>
    public static string ChecksumQuery(string table) =>
        $"SELECT md5(string_agg(concat_ws('|', id, coalesce(name, '\\N'), coalesce(CAST(flag AS VARCHAR), '\\N'), CAST(day AS VARCHAR)), chr(10) ORDER BY id)) FROM {table}";
}
