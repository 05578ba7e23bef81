namespace Pipes.Core.Compile.Dialects;

public sealed partial class DuckDbDialect
{
    public override string CoerceNumber(string expression) =>
        $"TRY_CAST(REPLACE(TRIM({ToText(expression)}), ',', '') AS DOUBLE)";

    // TIMESTAMPTZ honours an offset, and the connection's zone is UTC, so the cast back gives UTC wall time.
    public override string CoerceDatetime(string expression)
    {
        var text = $"TRIM({ToText(expression)})";
        return $"(CASE WHEN regexp_full_match({text}, '-?[0-9]{{1,10}}') THEN make_timestamp(CAST({text} AS BIGINT) * 1000000)"
            + $" WHEN regexp_full_match({text}, '[0-9]{{11,13}}') THEN make_timestamp(CAST({text} AS BIGINT) * 1000)"
            + $" ELSE CAST(TRY_CAST({text} AS TIMESTAMPTZ) AS TIMESTAMP) END)";
    }
}
