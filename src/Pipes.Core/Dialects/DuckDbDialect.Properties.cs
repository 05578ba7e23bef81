namespace Pipes.Core.Dialects;

public sealed partial class DuckDbDialect
{
    public override string CoerceArray(string expression) => CoerceJson(expression, "ARRAY");

    public override string CoerceObject(string expression) => CoerceJson(expression, "OBJECT");

    private string CoerceJson(string expression, string kind) =>
        $"(CASE WHEN json_type(TRY_CAST({ToText(expression)} AS JSON)) = '{kind}' THEN TRY_CAST({ToText(expression)} AS JSON) END)";

    public override string IsoTimestampText(string expression) => $"strftime({expression}, '%Y-%m-%dT%H:%M:%SZ')";

    public override string ToJsonValue(string expression, string propertyType) => propertyType switch
    {
        "datetime" => $"to_json({IsoTimestampText(expression)})",
        "array" or "object" => $"CAST({expression} AS JSON)",
        _ => $"to_json({expression})",
    };

    // json_group_object is a macro and takes no ORDER BY; a map built from an ordered list does.
    public override string JsonObjectAgg(string name, string value) =>
        $"to_json(map_from_entries(list(struct_pack(k := {name}, v := {value}) ORDER BY {name})))";

    public override string JsonText(string expression) => $"CAST(to_json({expression}) AS VARCHAR)";

    public override string PropertyTypeOf(string dataType, int? scale)
    {
        var type = dataType.ToUpperInvariant();
        if (type.EndsWith("[]", StringComparison.Ordinal)) return "array";
        if (type.StartsWith("STRUCT", StringComparison.Ordinal) || type.StartsWith("MAP", StringComparison.Ordinal)) return "object";
        if (type.StartsWith("DECIMAL", StringComparison.Ordinal)) return scale == 0 ? "integer" : "number";
        return type switch
        {
            "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT" => "integer",
            "FLOAT" or "REAL" or "DOUBLE" => "number",
            "BOOLEAN" => "boolean",
            _ when type.StartsWith("TIMESTAMP", StringComparison.Ordinal) || type == "DATE" => "datetime",
            _ => "string",
        };
    }
}
