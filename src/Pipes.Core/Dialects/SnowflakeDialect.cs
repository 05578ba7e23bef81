namespace Pipes.Core.Dialects;

/// <summary>Snowflake: unquoted names upper-case; TRY_ casts from text; VARIANT paths; Snowflake Scripting.</summary>
public sealed partial class SnowflakeDialect : Dialect
{
    public static readonly SnowflakeDialect Instance = new();

    public override string Name => "snowflake";

    public override IReadOnlyList<string> OutputKeys { get; } =
    [
        "type", "account", "user", "authenticator", "private_key_path", "private_key", "private_key_passphrase", "token",
        "role", "warehouse", "database", "schema", "host", "port", "protocol", "statement_timeout", "threads",
    ];

    // Scratch tables are replaced every run: TRANSIENT keeps no Fail-safe copy (7 days of every replaced version of a
    // permanent table) and at most one day of Time Travel.
    public override string ScratchTable => "TRANSIENT TABLE";

    public override string MinBy(string value, string key) => $"MIN_BY({value}, {key})";

    public override string NormalizeIdentifier(string name) => name.ToUpperInvariant();

    // Zero-copy: the clone shares storage with its source until either side writes (pipes plan's shadow).
    public override bool SupportsSchemaClone => true;

    public override string TypeName(string portableType) => portableType switch
    {
        "string" => "VARCHAR",
        "integer" => "NUMBER(38,0)",
        "number" => "FLOAT",
        "boolean" => "BOOLEAN",
        "date" => "DATE",
        "datetime" => "TIMESTAMP_NTZ",
        "json" => "VARIANT",
        "array" => "ARRAY",
        "object" => "OBJECT",
        _ => UnknownType(portableType),
    };

    // Backslash is an escape character inside Snowflake string literals.
    public override string StringLiteral(string value) =>
        "'" + value.Replace("\\", "\\\\").Replace("'", "''") + "'";

    public override string CastText(string expression, string portableType) => portableType switch
    {
        "json" => $"PARSE_JSON({expression})",
        "array" => $"PARSE_JSON({expression})::ARRAY",
        "object" => $"PARSE_JSON({expression})::OBJECT",
        _ => $"CAST({expression} AS {TypeName(portableType)})",
    };

    // TRY_CAST only accepts text in Snowflake, hence TO_VARCHAR first.
    public override string SafeCast(string expression, string portableType) => portableType switch
    {
        "json" => $"TRY_PARSE_JSON(TO_VARCHAR({expression}))",
        "array" => $"TRY_PARSE_JSON(TO_VARCHAR({expression}))::ARRAY",
        "object" => $"TRY_PARSE_JSON(TO_VARCHAR({expression}))::OBJECT",
        _ => $"TRY_CAST(TO_VARCHAR({expression}) AS {TypeName(portableType)})",
    };

    public override string ToText(string expression) => $"TO_VARCHAR({expression})";

    public override string JsonPathText(string expression, string path) =>
        $"GET_PATH({expression}, {StringLiteral(path)})::VARCHAR";

    public override string Flatten(string arrayExpression, string alias) =>
        $"LATERAL FLATTEN(input => {arrayExpression}) AS {alias}";

    public override string FlattenedText(string alias) => $"{alias}.value::VARCHAR";

    public override string JsonIsArray(string json) => $"IS_ARRAY({json})";

    public override string JsonIsNull(string json) => $"IS_NULL_VALUE({json})";

    public override string Sha256Hex(string expression) => $"SHA2({expression}, 256)";

    public override string IntegerHash(string expression) => $"HASH({expression})";

    /// <summary>HASH_AGG: Snowflake's order-independent 64-bit aggregate hash of the rows.</summary>
    public override string SetDigest(string text) => $"TO_VARCHAR(HASH_AGG({text}))";

    public override string MergeUpdateAll => "UPDATE ALL BY NAME";

    public override string MergeInsertAll => "INSERT ALL BY NAME";

    // REGEXP_LIKE is anchored at both ends already.
    public override string RegexFullMatch(string expression, string pattern, bool ignoreCase) =>
        ignoreCase ? $"REGEXP_LIKE({expression}, {StringLiteral(pattern)}, 'i')" : $"REGEXP_LIKE({expression}, {StringLiteral(pattern)})";

    public override string RegexReplaceAll(string expression, string pattern, string replacement) =>
        $"REGEXP_REPLACE({expression}, {StringLiteral(pattern)}, {StringLiteral(replacement)})";

    public override string RegexExtract(string expression, string pattern, int group) => group == 0
        ? $"COALESCE(REGEXP_SUBSTR({expression}, {StringLiteral(pattern)}), '')"
        : $"COALESCE(REGEXP_SUBSTR({expression}, {StringLiteral(pattern)}, 1, 1, 'e', {group}), '')";

    // ARRAY_AGG skips NULLs, so the CASE is the filter.
    public override string ArrayAggWhere(string value, string condition, string orderBy) =>
        $"ARRAY_AGG(CASE WHEN {condition} THEN {value} END) WITHIN GROUP (ORDER BY {orderBy})";

    public override string EmptyArray => "ARRAY_CONSTRUCT()";

    public override string UnorderedRowNumber => "SEQ8()";

    public override string MaterializedCte => "";

    public override string RenameTable(string relation, string newRelation, string newName) =>
        $"ALTER TABLE {relation} RENAME TO {newRelation}";

    public override bool SupportsScripting => true;

    public override string WrapScript(string body) => "EXECUTE IMMEDIATE $$\n" + body.TrimEnd() + "\n$$";
}
