using System.Globalization;
using System.Numerics;

namespace Pipes.Core.Targets.Snowflake;

/// <summary>Turns the SQL API's string cells into CLR values by the column's rowType (JSON v2 encoding).</summary>
public static class SnowflakeValueDecoder
{
    private static readonly int EpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static object? Decode(SnowflakeColumn column, string? value)
    {
        if (value is null) return null;
        switch (column.Type.ToLowerInvariant())
        {
            case "fixed" or "number" or "decimal" or "int" or "integer":
                return DecodeFixed(value, column.Scale ?? 0);
            case "real" or "float" or "double" or "decfloat":
                return DecodeReal(value);
            case "boolean":
                return value is "true" or "1" or "TRUE" or "True";
            case "date":
                return DateOnly.FromDayNumber(EpochDayNumber + int.Parse(value, Invariant));
            case "time":
                return new TimeOnly(Ticks(value));
            case "timestamp_ntz":
                return new DateTime(DateTime.UnixEpoch.Ticks + Ticks(value), DateTimeKind.Unspecified);
            case "timestamp_ltz":
                return new DateTime(DateTime.UnixEpoch.Ticks + Ticks(value), DateTimeKind.Utc);
            case "timestamp_tz":
                return DecodeTimestampTz(value);
            case "binary":
                return Convert.FromHexString(value);
            default:
                // text, variant, object, array, map, geography, geometry, vector: the JSON/text as sent.
                return value;
        }
    }

    private static object DecodeFixed(string value, int scale)
    {
        if (scale == 0)
        {
            if (long.TryParse(value, NumberStyles.AllowLeadingSign, Invariant, out var l)) return l;
            return BigInteger.Parse(value, NumberStyles.AllowLeadingSign, Invariant);
        }
        if (decimal.TryParse(value, NumberStyles.Number | NumberStyles.AllowExponent, Invariant, out var d)) return d;
        // NUMBER(38, s) can exceed decimal's 28-29 digits.
        return double.Parse(value, Invariant);
    }

    private static double DecodeReal(string value) => value.ToLowerInvariant() switch
    {
        "nan" => double.NaN,
        "inf" or "infinity" => double.PositiveInfinity,
        "-inf" or "-infinity" => double.NegativeInfinity,
        _ => double.Parse(value, NumberStyles.Float, Invariant),
    };

    // TIMESTAMP_TZ is "<epoch seconds> <offset minutes + 1440>"; the seconds are the UTC instant.
    private static DateTimeOffset DecodeTimestampTz(string value)
    {
        var space = value.IndexOf(' ');
        var seconds = space < 0 ? value : value[..space];
        var offsetMinutes = space < 0 ? 0 : int.Parse(value[(space + 1)..], Invariant) - 1440;
        var utc = new DateTimeOffset(DateTime.UnixEpoch.Ticks + Ticks(seconds), TimeSpan.Zero);
        return utc.ToOffset(TimeSpan.FromMinutes(offsetMinutes));
    }

    // "<seconds>.<9 digits>" to 100 ns ticks, exactly (decimal keeps the 9 digits).
    private static long Ticks(string seconds) =>
        (long)decimal.Truncate(decimal.Parse(seconds, NumberStyles.Float, Invariant) * TimeSpan.TicksPerSecond);
}
