namespace Pipes.Core.Compile.Dialects;

/// <summary>
/// Coercion of the dirty text real sources are full of into property types. Every engine must give the same
/// answer for the same text (a conformance test checks DuckDB's for real); NULL means "could not coerce", which the
/// property layer turns into a rejects row rather than a silent loss.
/// </summary>
public abstract partial class Dialect
{
    /// <summary>Words read as true, compared lower-cased and trimmed.</summary>
    public static readonly IReadOnlyList<string> TrueWords = new[] { "true", "t", "yes", "y", "1" };

    /// <summary>Words read as false, compared lower-cased and trimmed.</summary>
    public static readonly IReadOnlyList<string> FalseWords = new[] { "false", "f", "no", "n", "0" };

    /// <summary>Text to a number: thousands separators (<c>1,234.50</c>) and surrounding spaces are accepted.</summary>
    public abstract string CoerceNumber(string expression);

    /// <summary>Text to a whole number: as <see cref="CoerceNumber"/>, and NULL unless the value is whole.</summary>
    public string CoerceInteger(string expression)
    {
        var number = CoerceNumber(expression);
        return $"(CASE WHEN {number} = FLOOR({number}) THEN CAST({number} AS {TypeName("integer")}) END)";
    }

    /// <summary>Text to a boolean through <see cref="TrueWords"/> and <see cref="FalseWords"/>.</summary>
    public string CoerceBoolean(string expression)
    {
        var word = $"LOWER(TRIM({ToText(expression)}))";
        return $"(CASE WHEN {word} IN ({Words(TrueWords)}) THEN TRUE WHEN {word} IN ({Words(FalseWords)}) THEN FALSE END)";
    }

    /// <summary>
    /// Text to a UTC timestamp: ISO 8601 with or without offset (converted to UTC), <c>YYYY-MM-DD</c>, epoch
    /// seconds (up to 10 digits) and epoch milliseconds (11 to 13 digits).
    /// </summary>
    public abstract string CoerceDatetime(string expression);

    private string Words(IEnumerable<string> words) => string.Join(", ", words.Select(StringLiteral));
}
