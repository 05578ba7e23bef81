namespace Pipes.Core.Dialects;

public sealed partial class SnowflakeDialect
{
    protected override string ParseDouble(string text) => $"TRY_TO_DOUBLE({text})";

    // Accepted integers are already within BIGINT's range, so NUMBER(38,0) holds the same values as DuckDB's BIGINT.
    protected override string ParseBigint(string text) => $"TRY_CAST({text} AS NUMBER(38,0))";

    // Snowflake orders NaN above 'inf', so one comparison excludes both.
    public override string IsFinite(string expression) => $"(ABS({expression}) < 'inf'::FLOAT)";

    // An explicit format: the session's TIMESTAMP_INPUT_FORMAT (AUTO by default, which reads MM/DD/YYYY) never applies.
    protected override string ParseTimestampMicros(string text) => $"TRY_TO_TIMESTAMP_NTZ({text}, 'YYYY-MM-DD HH24:MI:SS.FF6')";

    protected override string AddMinutes(string timestamp, string minutes) => $"DATEADD(minute, {minutes}, {timestamp})";

    protected override string EpochToTimestamp(string digits, int scale) => $"TO_TIMESTAMP_NTZ(TO_NUMBER({digits}), {scale})";
}
