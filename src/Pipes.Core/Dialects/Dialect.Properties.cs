namespace Pipes.Core.Dialects;

/// <summary>What property tables and the push relation need: JSON values, JSON objects built from rows, ISO text.</summary>
public abstract partial class Dialect
{
    /// <summary>Text to a JSON array, NULL when it is not one.</summary>
    public abstract string CoerceArray(string expression);

    /// <summary>Text to a JSON object, NULL when it is not one.</summary>
    public abstract string CoerceObject(string expression);

    /// <summary>A timestamp as ISO 8601 UTC text: <c>2026-07-01T00:00:00Z</c>.</summary>
    public abstract string IsoTimestampText(string expression);

    /// <summary>A typed value as a JSON value (datetimes as ISO text), for building objects.</summary>
    public abstract string ToJsonValue(string expression, string propertyType);

    /// <summary>Aggregates (name, JSON value) rows into one JSON object, keys in byte order.</summary>
    public abstract string JsonObjectAgg(string name, string value);

    /// <summary>
    /// The property type for a column type the warehouse reports (information_schema <c>data_type</c>, and
    /// <c>numeric_scale</c>), for <c>map_remaining</c>; JSON and VARIANT columns of unknown shape map to string.
    /// </summary>
    public abstract string PropertyTypeOf(string dataType, int? scale);

    /// <summary>A JSON value as its text.</summary>
    public abstract string JsonText(string expression);

    /// <summary>
    /// Whether JSON text nests deeper than <paramref name="depth"/> levels, with regexes alone so every engine agrees:
    /// drop escaped characters (JSON has backslashes only inside strings), then string literals, keep the brackets, then
    /// peel the innermost pairs once per level; anything left is deeper. No backslash inside a bracket expression, where
    /// RE2 reads an escape and Snowflake's POSIX syntax a literal backslash: <c>]</c> first in a class is literal in both.
    /// </summary>
    public string JsonDeeperThan(string jsonText, int depth)
    {
        var strings = RegexReplaceAll(RegexReplaceAll(jsonText, "\\\\.", ""), "\"[^\"]*\"", "");
        var brackets = RegexReplaceAll(strings, "[^][{}]", "");
        for (var level = 0; level < depth; level++) brackets = RegexReplaceAll(brackets, "[[][]]|[{][}]", "");
        return $"(LENGTH({brackets}) > 0)";
    }
}
