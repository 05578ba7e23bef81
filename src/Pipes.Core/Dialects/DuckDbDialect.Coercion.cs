namespace Pipes.Core.Dialects;

public sealed partial class DuckDbDialect
{
    protected override string ParseDouble(string text) => $"TRY_CAST({text} AS DOUBLE)";

    protected override string ParseBigint(string text) => $"TRY_CAST({text} AS BIGINT)";

    public override string IsFinite(string expression) => $"isfinite({expression})";

    // try_strptime checks the calendar (2026-02-30 is NULL); %f reads exactly the six fraction digits given.
    protected override string ParseTimestampMicros(string text) => $"try_strptime({text}, '%Y-%m-%d %H:%M:%S.%f')";

    protected override string AddMinutes(string timestamp, string minutes) => $"({timestamp} + to_minutes(CAST({minutes} AS BIGINT)))";

    protected override string EpochToTimestamp(string digits, int scale) =>
        $"make_timestamp(CAST({digits} AS BIGINT) * {(scale == 0 ? "1000000" : "1000")})";
}
