namespace Pipes.Core.Dialects;

/// <summary>
/// Case mapping of identifier values (docs/identity.md, "Non-ASCII text"), the same SQL on every engine. Engines
/// agree on Unicode's one-to-one (simple) case mappings; they may differ where Unicode also defines a context or
/// multi-character mapping, so those characters are mapped first, explicitly, to what the simple mapping gives.
/// </summary>
public abstract partial class Dialect
{
    /// <summary>Characters mapped before LOWER: İ (U+0130) to i, and Σ to σ (no final-sigma rule).</summary>
    public const string LowercaseFrom = "İΣ";

    public const string LowercaseTo = "iσ";

    /// <summary>Characters mapped before UPPER: ß to ẞ (U+1E9E), never to "SS".</summary>
    public const string UppercaseFrom = "ß";

    public const string UppercaseTo = "ẞ";

    /// <summary>The <c>lowercase</c> normaliser, also what exclusions compare with on both sides.</summary>
    public string Lowercase(string expression) =>
        $"LOWER(TRANSLATE({expression}, {StringLiteral(LowercaseFrom)}, {StringLiteral(LowercaseTo)}))";

    /// <summary>The <c>uppercase</c> normaliser.</summary>
    public string Uppercase(string expression) =>
        $"UPPER(TRANSLATE({expression}, {StringLiteral(UppercaseFrom)}, {StringLiteral(UppercaseTo)}))";

    /// <summary>What the <c>remove_whitespace</c> normaliser drops: tab, newline, form feed, carriage return, space.</summary>
    public static readonly IReadOnlyList<int> WhitespaceCodes = [9, 10, 12, 13, 32];

    /// <summary>
    /// The <c>remove_whitespace</c> normaliser: TRANSLATE to nothing, the characters named by code (CHR), so neither a
    /// regex (whose backslash escapes engines read differently inside brackets) nor a control character in SQL text.
    /// </summary>
    public string RemoveWhitespace(string expression) =>
        $"TRANSLATE({expression}, {string.Join(" || ", WhitespaceCodes.Select(c => $"CHR({c})"))}, '')";
}
