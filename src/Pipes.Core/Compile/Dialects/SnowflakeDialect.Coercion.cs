namespace Pipes.Core.Compile.Dialects;

public sealed partial class SnowflakeDialect
{
    public override string CoerceNumber(string expression) =>
        $"TRY_TO_DOUBLE(REPLACE(TRIM({ToText(expression)}), ',', ''))";

    // TIMESTAMP_TZ keeps the offset; converting to UTC before dropping the zone matches DuckDB.
    public override string CoerceDatetime(string expression)
    {
        var text = $"TRIM({ToText(expression)})";
        return $"(CASE WHEN RLIKE({text}, '-?[0-9]{{1,10}}') THEN TO_TIMESTAMP_NTZ(TO_NUMBER({text}), 0)"
            + $" WHEN RLIKE({text}, '[0-9]{{11,13}}') THEN TO_TIMESTAMP_NTZ(TO_NUMBER({text}), 3)"
            + $" ELSE CONVERT_TIMEZONE('UTC', TRY_TO_TIMESTAMP_TZ({text}))::TIMESTAMP_NTZ END)";
    }
}
