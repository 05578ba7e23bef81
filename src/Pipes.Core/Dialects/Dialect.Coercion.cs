namespace Pipes.Core.Dialects;

/// <summary>
/// Coercion of the dirty text real sources are full of into property types: decided in portable SQL, converted in
/// dialect SQL. A value is accepted when its trimmed text matches the documented form of its type (the patterns
/// below, written so RE2 and Snowflake's POSIX ERE read them alike: no <c>\d</c>, <c>\s</c> or backslash at all);
/// only accepted text reaches the engine's conversion, always with an explicit format, never an engine's AUTO guess.
/// docs/properties.md lists the accepted forms; a test runs every row of that table on DuckDB.
/// </summary>
public abstract partial class Dialect
{
    /// <summary>Words read as true, compared lower-cased and trimmed.</summary>
    public static readonly IReadOnlyList<string> TrueWords = new[] { "true", "t", "yes", "y", "1" };

    /// <summary>Words read as false, compared lower-cased and trimmed.</summary>
    public static readonly IReadOnlyList<string> FalseWords = new[] { "false", "f", "no", "n", "0" };

    /// <summary>Decimal or scientific notation; thousands separators only in groups of three (<c>1,234.5</c>).</summary>
    public const string NumberPattern = "[+-]?(([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?";

    /// <summary>Whole numbers, optionally with thousands separators and a zero fraction (<c>12.0</c>); no exponent.</summary>
    public const string IntegerPattern = "[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)([.]0*)?";

    /// <summary>The integer range on every engine: BIGINT's (Snowflake's NUMBER(38,0) would hold more; it is not allowed to).</summary>
    public const string MaxInteger = "9223372036854775807";

    public const string MinIntegerMagnitude = "9223372036854775808";

    /// <summary>
    /// ISO 8601 / RFC 3339: <c>YYYY-MM-DD</c>, optionally <c>T</c> or a space, <c>HH:MM[:SS[.fraction]]</c> and an
    /// offset (<c>Z</c>, <c>±HH</c>, <c>±HHMM</c>, <c>±HH:MM</c>, optionally after a space). Covers the text both engines
    /// print for their own DATE and TIMESTAMP columns (Snowflake's with the session formats Pipes pins).
    /// </summary>
    public const string DatetimePattern =
        "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
        + "([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?( ?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?))?)?";

    /// <summary>Epoch seconds: up to 10 digits (to 2286-11-20).</summary>
    public const string EpochSecondsPattern = "-?[0-9]{1,10}";

    /// <summary>Epoch milliseconds: 11 to 13 digits.</summary>
    public const string EpochMillisecondsPattern = "[0-9]{11,13}";

    /// <summary>
    /// Whether trimmed, non-empty <paramref name="text"/> is in the documented form of <paramref name="type"/>:
    /// the portable decision, the same SQL on every engine. JSON kinds are decided by parsing (no pattern can).
    /// </summary>
    public string CoercionAccepts(string type, string text) => type switch
    {
        "number" => RegexFullMatch(text, NumberPattern, false),
        "integer" => $"({RegexFullMatch(text, IntegerPattern, false)} AND {IntegerInRange(text)})",
        "boolean" => $"LOWER({text}) IN ({Words(TrueWords.Concat(FalseWords))})",
        "datetime" => $"({RegexFullMatch(text, DatetimePattern, false)} OR {RegexFullMatch(text, EpochSecondsPattern, false)} OR {RegexFullMatch(text, EpochMillisecondsPattern, false)})",
        "array" => $"({CoerceArray(text)}) IS NOT NULL",
        "object" => $"({CoerceObject(text)}) IS NOT NULL",
        _ => UnknownType(type),
    };

    /// <summary>The engine's conversion of accepted text; NULL for text that is not accepted.</summary>
    public string CoercionConvert(string type, string text) => type switch
    {
        "array" => CoerceArray(text),
        "object" => CoerceObject(text),
        _ => $"(CASE WHEN {CoercionAccepts(type, text)} THEN {Convert(type, text)} END)",
    };

    /// <summary>
    /// Why trimmed <paramref name="text"/>, converted to <paramref name="converted"/> by <see cref="CoercionConvert"/>,
    /// is refused; NULL when it is accepted or missing (NULL or empty). Accepted text the engine still cannot hold (a
    /// number beyond DOUBLE, a calendar date that does not exist) is refused too, with the same reason on every engine.
    /// </summary>
    public string CoercionReason(string type, string text, string converted)
    {
        var notA = $"not a{(type is "integer" or "array" or "object" ? "n" : "")} {type}";
        var unheld = type switch
        {
            "number" => $" WHEN {converted} IS NULL OR NOT {IsFinite(converted)} THEN 'out of range'",
            "datetime" => $" WHEN {converted} IS NULL THEN 'no such date or time'",
            _ => "",
        };
        var range = type == "integer" ? $" WHEN NOT {IntegerInRange(text)} THEN 'out of range'" : "";
        var form = type == "integer" ? RegexFullMatch(text, IntegerPattern, false) : type is "array" or "object" ? $"({converted} IS NOT NULL)" : CoercionAccepts(type, text);
        return $"(CASE WHEN {text} IS NULL OR {text} = '' THEN NULL WHEN NOT {form} THEN '{notA}'{range}{unheld} END)";
    }

    /// <summary>Text to a number (DOUBLE range, finite); NULL when refused.</summary>
    public string CoerceNumber(string expression)
    {
        var converted = CoercionConvert("number", Trimmed(expression));
        return $"(CASE WHEN {IsFinite(converted)} THEN {converted} END)";
    }

    /// <summary>Text to a whole number in BIGINT range; NULL when refused.</summary>
    public string CoerceInteger(string expression) => CoercionConvert("integer", Trimmed(expression));

    /// <summary>Text to a boolean through <see cref="TrueWords"/> and <see cref="FalseWords"/>; NULL when refused.</summary>
    public string CoerceBoolean(string expression) => CoercionConvert("boolean", Trimmed(expression));

    /// <summary>Text to a UTC timestamp (offsets applied); NULL when refused.</summary>
    public string CoerceDatetime(string expression) => CoercionConvert("datetime", Trimmed(expression));

    /// <summary>
    /// <see cref="CoerceDatetime"/> of a column of any type, with the same result, where an engine can skip the text
    /// round trip for a column that already is a plain timestamp (a scan of every row, as an iterator filter is, pays
    /// for that conversion once per row). By default the conversion itself.
    /// </summary>
    public virtual string CoerceColumnDatetime(string expression) => CoerceDatetime(expression);

    // Spaces only, said explicitly, so no engine's idea of whitespace enters the decision.
    private string Trimmed(string expression) => $"TRIM({ToText(expression)}, ' ')";

    private string Convert(string type, string text) => type switch
    {
        "number" => ParseDouble($"REPLACE({text}, ',', '')"),
        "integer" => ParseBigint($"(CASE WHEN LEFT({text}, 1) = '-' THEN '-' ELSE '' END || {IntegerDigits(text)})"),
        "boolean" => $"LOWER({text}) IN ({Words(TrueWords)})",
        "datetime" => ConvertDatetime(text),
        _ => UnknownType(type),
    };

    /// <summary>The digits before any fraction, leading zeros kept.</summary>
    private string IntegerDigits(string text) => RegexExtract($"REPLACE({text}, ',', '')", "[0-9]+", 0);

    // Equal-length digit strings compare as numbers; longer ones are larger once leading zeros are gone.
    private string IntegerInRange(string text)
    {
        var digits = $"LTRIM({IntegerDigits(text)}, '0')";
        var limit = $"(CASE WHEN LEFT({text}, 1) = '-' THEN '{MinIntegerMagnitude}' ELSE '{MaxInteger}' END)";
        return $"(LENGTH({digits}) < {MaxInteger.Length} OR (LENGTH({digits}) = {MaxInteger.Length} AND {digits} <= {limit}))";
    }

    private string ConvertDatetime(string text) =>
        $"(CASE WHEN {RegexFullMatch(text, EpochSecondsPattern, false)} THEN {EpochToTimestamp(text, 0)}"
        + $" WHEN {RegexFullMatch(text, EpochMillisecondsPattern, false)} THEN {EpochToTimestamp(text, 3)}"
        + $" ELSE {ConvertIsoDatetime(text)} END)";

    // Text in DatetimePattern is rebuilt as 'YYYY-MM-DD HH:MI:SS.ffffff' (fractions past microseconds dropped, the
    // precision of DuckDB's TIMESTAMP) and parsed with that one format; the offset is then subtracted in minutes.
    private string ConvertIsoDatetime(string text)
    {
        var rest = $"SUBSTR({text}, 11)"; // after the date, '+' and '-' can only start an offset
        var time = $"COALESCE(NULLIF(SUBSTR({text}, 12, 5), ''), '00:00')";
        var seconds = $"COALESCE(NULLIF({RegexExtract(rest, "[0-9]{2}:[0-9]{2}:([0-9]{2})", 1)}, ''), '00')";
        var fraction = $"RPAD(LEFT({RegexExtract(rest, "[.]([0-9]+)", 1)}, 6), 6, '0')";
        var canonical = $"LEFT({text}, 10) || ' ' || {time} || ':' || {seconds} || '.' || {fraction}";
        var hours = $"COALESCE(CAST(NULLIF({RegexExtract(rest, "[+-]([0-9]{2})", 1)}, '') AS INTEGER), 0)";
        var minutes = $"COALESCE(CAST(NULLIF({RegexExtract(rest, "[+-][0-9]{2}:?([0-9]{2})", 1)}, '') AS INTEGER), 0)";
        var sign = $"(CASE WHEN {RegexExtract(rest, "[+-]", 0)} = '-' THEN 1 ELSE -1 END)"; // UTC = local - offset
        return AddMinutes(ParseTimestampMicros(canonical), $"{sign} * ({hours} * 60 + {minutes})");
    }

    /// <summary>Text in <see cref="NumberPattern"/>, commas removed, to the engine's DOUBLE; NULL (or infinite) beyond its range.</summary>
    protected abstract string ParseDouble(string text);

    /// <summary>An optional minus and digits (range already checked) to the engine's integer type.</summary>
    protected abstract string ParseBigint(string text);

    /// <summary>Whether a DOUBLE is finite (neither infinite nor NaN).</summary>
    public abstract string IsFinite(string expression);

    /// <summary>Text exactly <c>YYYY-MM-DD HH:MI:SS.ffffff</c> to a timestamp, NULL for a date or time that does not exist.</summary>
    protected abstract string ParseTimestampMicros(string text);

    /// <summary>A timestamp plus a whole number of minutes.</summary>
    protected abstract string AddMinutes(string timestamp, string minutes);

    /// <summary>Digits counting seconds (<paramref name="scale"/> 0) or milliseconds (3) since 1970-01-01 UTC, to a UTC timestamp.</summary>
    protected abstract string EpochToTimestamp(string digits, int scale);

    private string Words(IEnumerable<string> words) => string.Join(", ", words.Select(StringLiteral));
}
