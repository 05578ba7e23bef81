namespace Pipes.Core.Dialects;

/// <summary>DuckDB: case-preserving, case-insensitive identifiers; TRY_CAST; JSON extension functions.</summary>
public sealed partial class DuckDbDialect : Dialect
{
    public static readonly DuckDbDialect Instance = new();

    public override string Name => "duckdb";

    public override IReadOnlyList<string> OutputKeys { get; } = ["type", "path", "schema", "threads", "memory_limit"];

    // Work tables are the connection's temporary tables: kept in memory (spilled to the temp directory past the memory
    // limit) and never written to the database file, whose writes cost as much as the queries; the temp catalog
    // named, so dropping one can never reach a table of the same name in the schema.
    public override string WorkTable => "TEMP TABLE";

    public override string WorkRelation(string relation, string name) => "temp." + Quote(name);

    public override string MinBy(string value, string key) => $"arg_min({value}, {key})";

    public override string NormalizeIdentifier(string name) => name;

    public override string TypeName(string portableType) => portableType switch
    {
        "string" => "VARCHAR",
        "integer" => "BIGINT",
        "number" => "DOUBLE",
        "boolean" => "BOOLEAN",
        "date" => "DATE",
        "datetime" => "TIMESTAMP",
        "json" or "array" or "object" => "JSON",
        _ => UnknownType(portableType),
    };

    public override string CastText(string expression, string portableType) =>
        $"CAST({expression} AS {TypeName(portableType)})";

    public override string SafeCast(string expression, string portableType) =>
        $"TRY_CAST({expression} AS {TypeName(portableType)})";

    public override string ToText(string expression) => $"CAST({expression} AS VARCHAR)";

    public override string JsonPathText(string expression, string path) =>
        $"json_extract_string({expression}, {StringLiteral("$." + path)})";

    public override string Flatten(string arrayExpression, string alias) =>
        $"json_each(CAST({arrayExpression} AS JSON)) AS {alias}";

    public override string FlattenedText(string alias) =>
        $"(CASE WHEN json_type({alias}.value) = 'VARCHAR' THEN json_extract_string({alias}.value, '$') WHEN json_type({alias}.value) = 'NULL' THEN NULL ELSE CAST({alias}.value AS VARCHAR) END)";

    public override string JsonIsArray(string json) => $"(json_type({json}) = 'ARRAY')";

    public override string JsonIsNull(string json) => $"(json_type({json}) = 'NULL')";

    public override string Sha256Hex(string expression) => $"sha256({expression})";

    public override string IntegerHash(string expression) => $"hash({expression})";

    /// <summary>The sum of the rows' 64-bit hashes, as HUGEINT (no overflow below 2^64 rows).</summary>
    public override string SetDigest(string text) => $"CAST(COALESCE(SUM(hash({text})), 0) AS VARCHAR)";

    public override string MergeUpdateAll => "UPDATE";

    public override string MergeInsertAll => "INSERT BY NAME";

    public override string RegexFullMatch(string expression, string pattern, bool ignoreCase) =>
        ignoreCase ? $"regexp_full_match({expression}, {StringLiteral(pattern)}, 'i')" : $"regexp_full_match({expression}, {StringLiteral(pattern)})";

    public override string RegexReplaceAll(string expression, string pattern, string replacement) =>
        $"regexp_replace({expression}, {StringLiteral(pattern)}, {StringLiteral(replacement)}, 'g')";

    public override string RegexExtract(string expression, string pattern, int group) =>
        $"regexp_extract({expression}, {StringLiteral(pattern)}, {group})";

    public override string ArrayAggWhere(string value, string condition, string orderBy) =>
        $"coalesce(list({value} ORDER BY {orderBy}) FILTER (WHERE {condition}), [])";

    public override string EmptyArray => "CAST([] AS VARCHAR[])";

    public override string UnorderedRowNumber => "row_number() OVER ()";

    public override string MaterializedCte => "MATERIALIZED ";

    public override string RenameTable(string relation, string newRelation, string newName) =>
        $"ALTER TABLE {relation} RENAME TO {Quote(newName)}";

    // DuckDB has one information_schema for every attached database (filtered by table_catalog); it cannot be qualified.
    public override string TablesCatalog(string? database) => "information_schema.tables";

    public override bool SupportsScripting => false;

    public override string? DefaultSchema => "main";

    // Keeping insertion order costs DuckDB parallel writes; identity's set-based steps never rely on it.
    public override string UnorderedWritesBegin => "SET preserve_insertion_order = false";

    public override string UnorderedWritesEnd => "RESET preserve_insertion_order";

    public override string WrapScript(string body) =>
        throw new NotSupportedException("DuckDB has no procedural blocks; the runner drives loops.");
}
