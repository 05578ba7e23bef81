namespace Pipes.Core.Dialects;

public sealed partial class SnowflakeDialect
{
    public override string CoerceArray(string expression) =>
        $"(CASE WHEN IS_ARRAY(TRY_PARSE_JSON({ToText(expression)})) THEN TRY_PARSE_JSON({ToText(expression)})::ARRAY END)";

    public override string CoerceObject(string expression) =>
        $"(CASE WHEN IS_OBJECT(TRY_PARSE_JSON({ToText(expression)})) THEN TRY_PARSE_JSON({ToText(expression)})::OBJECT END)";

    public override string IsoTimestampText(string expression) => $"TO_VARCHAR({expression}, 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";

    public override string ToJsonValue(string expression, string propertyType) => propertyType switch
    {
        "datetime" => $"TO_VARIANT({IsoTimestampText(expression)})",
        _ => $"TO_VARIANT({expression})",
    };

    // OBJECT keys come out sorted, so the text (and its hash) does not depend on row order.
    public override string JsonObjectAgg(string name, string value) => $"OBJECT_AGG({name}, {value})";

    public override string JsonText(string expression) => $"TO_JSON({expression})";

    public override string PropertyTypeOf(string dataType, int? scale) => dataType.ToUpperInvariant() switch
    {
        "NUMBER" or "DECIMAL" or "NUMERIC" => scale is null or 0 ? "integer" : "number",
        "FLOAT" or "DOUBLE" or "REAL" => "number",
        "BOOLEAN" => "boolean",
        "DATE" or "TIMESTAMP_NTZ" or "TIMESTAMP_LTZ" or "TIMESTAMP_TZ" or "DATETIME" or "TIMESTAMP" => "datetime",
        "ARRAY" => "array",
        "OBJECT" => "object",
        _ => "string",
    };
}
