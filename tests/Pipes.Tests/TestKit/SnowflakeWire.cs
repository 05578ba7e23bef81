using System.Collections;
using System.Globalization;
using System.Text.Json;
using Pipes.Core.Targets;

namespace Pipes.Tests.TestKit;

/// <summary>
/// A DuckDB result re-encoded the way the SQL API would send the same table from Snowflake: upper-case column names,
/// NUMBER as fixed (integers scale 0, decimals with their scale), FLOAT as real, TIMESTAMP_NTZ as
/// "seconds.nanoseconds", BOOLEAN as true/false, ARRAY as indented JSON text, every cell a string.
/// </summary>
public static class SnowflakeWire
{
    public static FakeResult From(StatementResult result)
    {
        var columns = result.Columns.Select((name, i) =>
        {
            var sample = result.Rows.Select(r => r[i]).FirstOrDefault(v => v is not null);
            return sample switch
            {
                long or int or short or System.Numerics.BigInteger => new FakeColumn(name.ToUpperInvariant(), "fixed", 0, 38),
                decimal => new FakeColumn(name.ToUpperInvariant(), "fixed", 9, 38),
                double or float => new FakeColumn(name.ToUpperInvariant(), "real"),
                bool => new FakeColumn(name.ToUpperInvariant(), "boolean"),
                DateTime => new FakeColumn(name.ToUpperInvariant(), "timestamp_ntz", 9),
                IEnumerable and not string => new FakeColumn(name.ToUpperInvariant(), "array"),
                _ => new FakeColumn(name.ToUpperInvariant(), "text"),
            };
        }).ToList();
        var rows = result.Rows.Select(r => r.Select(Cell).ToArray()).ToList();
        return new FakeResult(columns, rows);
    }

    private static string? Cell(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        decimal d => d.ToString("F9", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => Seconds(t),
        IEnumerable items and not string => JsonSerializer.Serialize(items.Cast<object?>().ToList(), Indented),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static string Seconds(DateTime t)
    {
        var ticks = t.Ticks - DateTime.UnixEpoch.Ticks;
        return $"{ticks / TimeSpan.TicksPerSecond}.{ticks % TimeSpan.TicksPerSecond * 100:D9}";
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
