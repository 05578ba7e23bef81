using System.Globalization;

namespace Pipes.Core.Dialects;

/// <summary>
/// Every difference between engines, as named members (SQLMesh's capability constants, dbt's dispatch).
/// Templates reach it as <c>dialect</c>; nothing outside <c>Dialects/</c> knows which engine it is.
/// Portable types: string, integer, number, boolean, date, datetime, json, array, object.
/// </summary>
public abstract partial class Dialect
{
    public static readonly IReadOnlyList<string> PortableTypes =
        new[] { "string", "integer", "number", "boolean", "date", "datetime", "json", "array", "object" };

    /// <summary>The profile <c>type</c> that selects this dialect.</summary>
    public abstract string Name { get; }

    /// <summary>The keys a profile output of this <c>type</c> may set (profiles.yml), <c>type</c> included.</summary>
    public abstract IReadOnlyList<string> OutputKeys { get; }

    /// <summary>
    /// The keyword(s) after <c>CREATE OR REPLACE</c> for a scratch table: one replaced every run and never needed as it
    /// was (a table nothing should keep copies of).
    /// </summary>
    public virtual string ScratchTable => "TABLE";

    /// <summary>
    /// The keyword(s) after <c>CREATE OR REPLACE</c> for a work table: one that lives only while one node runs on one
    /// connection, which no later step, run or command reads (named by <see cref="WorkRelation"/>). By default a
    /// scratch table.
    /// </summary>
    public virtual string WorkTable => ScratchTable;

    /// <summary>The name of a work table (<see cref="WorkTable"/>); by default the node's own relation name.</summary>
    public virtual string WorkRelation(string relation, string name) => relation;

    /// <summary>The aggregate giving <paramref name="value"/> of the row with the smallest <paramref name="key"/>.</summary>
    public abstract string MinBy(string value, string key);

    /// <summary>Applies the engine's case rule to an unquoted name, so quoting it afterwards changes nothing.</summary>
    public abstract string NormalizeIdentifier(string name);

    /// <summary>Normalises then quotes one identifier.</summary>
    public string Quote(string name) => "\"" + NormalizeIdentifier(name).Replace("\"", "\"\"") + "\"";

    /// <summary>A fully qualified relation; empty parts are left out.</summary>
    public string Relation(string? database, string? schema, string name) =>
        string.Join(".", new[] { database, schema, name }.Where(p => !string.IsNullOrEmpty(p)).Select(p => Quote(p!)));

    /// <summary>The engine type for a portable type.</summary>
    public abstract string TypeName(string portableType);

    /// <summary>A string literal; engines differ in whether backslash escapes.</summary>
    public virtual string StringLiteral(string value) => "'" + value.Replace("'", "''") + "'";

    /// <summary>Converts a text expression to a portable type, failing on bad values (seeds).</summary>
    public abstract string CastText(string expression, string portableType);

    /// <summary>Converts an expression to a portable type, NULL when it cannot.</summary>
    public abstract string SafeCast(string expression, string portableType);

    /// <summary>Any expression as text.</summary>
    public abstract string ToText(string expression);

    /// <summary>The text at a dotted path inside a JSON/VARIANT expression (<c>a.b</c>).</summary>
    public abstract string JsonPathText(string expression, string path);

    /// <summary>A FROM item that yields one row per element of an array expression, each as <c>alias.value</c>.</summary>
    public abstract string Flatten(string arrayExpression, string alias);

    /// <summary>The text of one flattened element.</summary>
    public abstract string FlattenedText(string alias);

    /// <summary>Lowercase hex SHA-256 of a text expression.</summary>
    public abstract string Sha256Hex(string expression);

    /// <summary>The engine's 64-bit hash of a value: only compared with itself on the same engine (a digest of a set of rows).</summary>
    public abstract string IntegerHash(string expression);

    /// <summary>The MERGE clause that updates every column of a matched row from the source, by name.</summary>
    public abstract string MergeUpdateAll { get; }

    /// <summary>The MERGE clause that inserts an unmatched source row, by name.</summary>
    public abstract string MergeInsertAll { get; }

    /// <summary>Whether a procedural block (loops) can be compiled into one statement; otherwise the runner drives loops.</summary>
    public abstract bool SupportsScripting { get; }

    /// <summary>Wraps a procedural block as one statement.</summary>
    public abstract string WrapScript(string body);

    /// <summary>Whether the whole of a text expression matches an RE2 pattern (optionally ignoring case).</summary>
    public abstract string RegexFullMatch(string expression, string pattern, bool ignoreCase);

    /// <summary>Replaces every match of an RE2 pattern.</summary>
    public abstract string RegexReplaceAll(string expression, string pattern, string replacement);

    /// <summary>The first match of a pattern (group 0) or its <paramref name="group"/>; the empty text when nothing matches.</summary>
    public abstract string RegexExtract(string expression, string pattern, int group);

    /// <summary>
    /// An aggregate: the array of <paramref name="value"/> over the rows where <paramref name="condition"/> holds,
    /// ordered by <paramref name="orderBy"/>; an empty array when none do.
    /// </summary>
    public abstract string ArrayAggWhere(string value, string condition, string orderBy);

    /// <summary>An empty array of text, of the type <see cref="ArrayAggWhere"/> gives.</summary>
    public abstract string EmptyArray { get; }

    /// <summary>Row numbers for a CTAS over a table without a useful order (unique, not necessarily dense).</summary>
    public abstract string UnorderedRowNumber { get; }

    /// <summary>
    /// Written after a CTE's <c>AS</c>: computes the CTE once into a buffer that the query then reads in parallel, however
    /// often it refers to it. DuckDB numbers rows (<see cref="UnorderedRowNumber"/>) on one thread, with everything in
    /// the same pipeline, unless a buffer ends that pipeline; Snowflake numbers in parallel and has no such keyword.
    /// </summary>
    public abstract string MaterializedCte { get; }

    /// <summary>Renames a table in place; <paramref name="newRelation"/> is the qualified new name, <paramref name="newName"/> the bare one.</summary>
    public abstract string RenameTable(string relation, string newRelation, string newName);

    /// <summary>
    /// A statement that lets the engine write set-based results in any row order (faster on DuckDB), and the one
    /// that restores ordered writes; empty where the engine has no such setting.
    /// </summary>
    public virtual string UnorderedWritesBegin => "";

    public virtual string UnorderedWritesEnd => "";

    /// <summary>
    /// The catalog view of a database's tables and views (<c>table_catalog</c>, <c>table_schema</c>, <c>table_name</c>,
    /// <c>table_type</c> of <c>BASE TABLE</c> or <c>VIEW</c>); <paramref name="database"/> null for the current one.
    /// </summary>
    public virtual string TablesCatalog(string? database) => Relation(database, "information_schema", "tables");

    /// <summary>Whether <c>CREATE SCHEMA ... CLONE</c> copies a schema at once (zero-copy); otherwise each table is copied (pipes plan).</summary>
    public virtual bool SupportsSchemaClone => false;

    /// <summary>The schema unqualified names land in when a profile names none; null when it depends on the session.</summary>
    public virtual string? DefaultSchema => null;

    /// <summary>A timestamp literal for a fixed instant (never "now": compile is pure).</summary>
    public string TimestampLiteral(DateTime utc) =>
        CastText(StringLiteral(utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)), "datetime");

    protected static string UnknownType(string portableType) =>
        throw new ArgumentException($"unknown type '{portableType}'; expected one of {string.Join(", ", PortableTypes)}");
}
