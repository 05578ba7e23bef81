using System.Globalization;

namespace Pipes.Core.Ingest;

/// <summary>The Export API's hour format, <c>YYYYMMDDTHH</c> in UTC (upload time, <c>server_upload_time</c>).</summary>
public static class ExportHour
{
    public const string Format = "yyyyMMdd'T'HH";

    public static bool TryParse(string text, out DateTime hour) =>
        DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out hour);

    public static string Text(DateTime hour) => hour.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The hour that holds <paramref name="instant"/>.</summary>
    public static DateTime Floor(DateTimeOffset instant) =>
        new(instant.UtcDateTime.Year, instant.UtcDateTime.Month, instant.UtcDateTime.Day, instant.UtcDateTime.Hour, 0, 0, DateTimeKind.Utc);
}
