namespace Pipes.Core.Dialects;

/// <summary>
/// How identity reads an <c>each: true</c> column (docs/identity.md, "Array columns"), the same on every engine: a JSON
/// array (or the engine's native array) gives one observation per element; SQL NULL, JSON null, blank text and the
/// empty array give none; anything else (an object, a scalar, text that is not JSON) is one invalid observation
/// (<c>not_an_array</c>) of the column's text. Engines differ only in how they ask a JSON value its kind.
/// </summary>
public abstract partial class Dialect
{
    /// <summary>Whether a JSON value (from <see cref="SafeCast"/> to json) is an array; NULL for NULL.</summary>
    public abstract string JsonIsArray(string json);

    /// <summary>Whether a JSON value is JSON's null (not SQL NULL); NULL for NULL.</summary>
    public abstract string JsonIsNull(string json);

    /// <summary>The column's value as a JSON array when it is one, else NULL: what <see cref="Flatten"/> reads.</summary>
    public string EachArray(string column)
    {
        var json = SafeCast(column, "json");
        return $"(CASE WHEN {JsonIsArray(json)} THEN {json} END)";
    }

    /// <summary>Whether the column holds something other than an array, NULL, JSON null or blank text.</summary>
    public string EachNotArray(string column)
    {
        var json = SafeCast(column, "json");
        return $"({column} IS NOT NULL AND TRIM({ToText(column)}) <> '' AND ({json} IS NULL OR NOT ({JsonIsArray(json)} OR {JsonIsNull(json)})))";
    }

    /// <summary>
    /// An aggregate of a text expression over a set of rows, as text: independent of the rows' order, and changed (but
    /// for a hash collision) by any row added, removed, duplicated or changed. Duplicates must not cancel out (no XOR).
    /// Only compared with itself on the same engine: an unchanged identity input is then not read again.
    /// </summary>
    public abstract string SetDigest(string text);
}
