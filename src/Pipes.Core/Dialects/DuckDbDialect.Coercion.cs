namespace Pipes.Core.Dialects;

public sealed partial class DuckDbDialect
{
    // typeof() is fixed by the column's type, so DuckDB plans it as a constant: a TIMESTAMP column's values are cast,
    // a column of any other type goes through the text. A TIMESTAMP prints as text CoerceDatetime reads back to the same
    // value for years 1-9999; infinities and other years take the text path (which refuses them), row by row.
    public override string CoerceColumnDatetime(string expression) =>
        $"(CASE WHEN typeof({expression}) = 'TIMESTAMP' AND TRY_CAST({expression} AS TIMESTAMP) BETWEEN TIMESTAMP '0001-01-01' AND TIMESTAMP '9999-12-31 23:59:59.999999' "
        + $"THEN TRY_CAST({expression} AS TIMESTAMP) ELSE {CoerceDatetime(expression)} END)";

    protected override string ParseDouble(string text) => $"TRY_CAST({text} AS DOUBLE)";

    protected override string ParseBigint(string text) => $"TRY_CAST({text} AS BIGINT)";

    public override string IsFinite(string expression) => $"isfinite({expression})";

    // try_strptime checks the calendar (2026-02-30 is NULL); %f reads exactly the six fraction digits given.
    protected override string ParseTimestampMicros(string text) => $"try_strptime({text}, '%Y-%m-%d %H:%M:%S.%f')";

    protected override string AddMinutes(string timestamp, string minutes) => $"({timestamp} + to_minutes(CAST({minutes} AS BIGINT)))";

    protected override string EpochToTimestamp(string digits, int scale) =>
        $"make_timestamp(CAST({digits} AS BIGINT) * {(scale == 0 ? "1000000" : "1000")})";
}
