namespace Pipes.Core.Targets.Snowflake;

/// <summary>
/// Session parameters sent on every SQL API request, so an account's, user's or warehouse's defaults never change a
/// result. These are the ones the SQL API's <c>parameters</c> field documents (its SessionParameters object); the
/// input formats (DATE_INPUT_FORMAT, TIMESTAMP_INPUT_FORMAT) are not among them, so the compiled SQL never relies on
/// them: property coercion parses with explicit formats (Dialect.Coercion.cs).
/// </summary>
public static class SnowflakeSessionParameters
{
    /// <summary>
    /// How <c>TO_VARCHAR</c> prints dates and timestamps: ISO order and full (nanosecond) precision, the offset after a
    /// space. Property coercion reads a typed source column through its text, and Dialect.DatetimePattern accepts
    /// exactly these shapes, so a TIMESTAMP column keeps its value to the microsecond on both engines.
    /// </summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Pinned =
    [
        new("TIMEZONE", "UTC"), // timestamps are UTC everywhere in Pipes, as on the DuckDB target
        new("DATE_OUTPUT_FORMAT", "YYYY-MM-DD"),
        new("TIME_OUTPUT_FORMAT", "HH24:MI:SS.FF9"),
        new("TIMESTAMP_OUTPUT_FORMAT", "YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM"),
        new("TIMESTAMP_NTZ_OUTPUT_FORMAT", "YYYY-MM-DD HH24:MI:SS.FF9"),
        new("TIMESTAMP_LTZ_OUTPUT_FORMAT", "YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM"),
        new("TIMESTAMP_TZ_OUTPUT_FORMAT", "YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM"),
        new("BINARY_OUTPUT_FORMAT", "HEX"),
    ];
}
