using Pipes.Core.Dialects;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Compile;

/// <summary>
/// Dialect.CoerceColumnDatetime (the conversion of the identity iterator and of observed_at) gives exactly what CoerceDatetime gives, for a
/// column of any type: DuckDB casts a plain TIMESTAMP column instead of reading its text back (the speed is in the bench, identity --incremental), and must not differ on
/// the values where the two could part (infinities, years outside 1-9999, nanoseconds, time zones, text, numbers).
/// </summary>
public sealed class ColumnDatetimeTests
{
    public static TheoryData<string> Values() => new(
        "TIMESTAMP '2025-01-02 03:04:05.123456'", "TIMESTAMP '2025-01-02 03:04:05'", "TIMESTAMP 'infinity'", "TIMESTAMP '-infinity'",
        "TIMESTAMP '0001-01-01 00:00:00'", "TIMESTAMP '0900-06-01 12:00:00'", "TIMESTAMP '9999-12-31 23:59:59.999999'",
        "TIMESTAMP '0001-01-01' - INTERVAL 1 DAY", "CAST(NULL AS TIMESTAMP)",
        "TIMESTAMP_NS '2025-01-02 03:04:05.123456789'", "TIMESTAMP_S '2025-01-02 03:04:05'", "TIMESTAMPTZ '2025-01-02 03:00:00+02'",
        "DATE '2025-01-02'", "'2025-01-02T03:04:05+01:00'", "' 2025-01-02 '", "'1700000000'", "'soon'", "1700000000", "1700000000000",
        "1700000000.5", "'{\"a\": 1}'::JSON", "TIME '10:00'", "true");

    [Theory]
    [MemberData(nameof(Values))]
    public async Task DuckDb_gives_what_CoerceDatetime_gives(string value)
    {
        var duck = DuckDbDialect.Instance;
        await using var db = DuckDb.InMemory();
        var row = (await db.QueryAsync(
            $"SELECT CAST({duck.CoerceDatetime("v")} AS VARCHAR), CAST({duck.CoerceColumnDatetime("v")} AS VARCHAR) FROM (SELECT {value} AS v) AS t"))[0];
        row[1].ShouldBe(row[0]);
    }

    [Fact]
    public void Snowflake_keeps_the_conversion() =>
        SnowflakeDialect.Instance.CoerceColumnDatetime("v").ShouldBe(SnowflakeDialect.Instance.CoerceDatetime("v"));
}
