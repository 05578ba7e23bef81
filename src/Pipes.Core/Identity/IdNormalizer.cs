namespace Pipes.Core.Identity;

/// <summary>One normaliser of an id type; <see cref="Pattern"/> is set for <see cref="IdNormalizerKind.RegexExtract"/> only.</summary>
public sealed record IdNormalizer(IdNormalizerKind Kind, string? Pattern = null)
{
    public static IdNormalizer Lowercase { get; } = new(IdNormalizerKind.Lowercase);

    public static IdNormalizer Uppercase { get; } = new(IdNormalizerKind.Uppercase);

    public static IdNormalizer RemoveWhitespace { get; } = new(IdNormalizerKind.RemoveWhitespace);

    public static IdNormalizer DigitsOnly { get; } = new(IdNormalizerKind.DigitsOnly);

    public static IdNormalizer RegexExtract(string pattern) => new(IdNormalizerKind.RegexExtract, pattern);
}

/// <summary>The normalisers an id type may list, in the YAML spelling of their names.</summary>
public enum IdNormalizerKind
{
    /// <summary><c>lowercase</c>: invariant lower case.</summary>
    Lowercase,

    /// <summary><c>uppercase</c>: invariant upper case.</summary>
    Uppercase,

    /// <summary><c>remove_whitespace</c>: drops every character of <see cref="Dialects.Dialect.WhitespaceCodes"/> (tab, newline, form feed, carriage return, space).</summary>
    RemoveWhitespace,

    /// <summary><c>digits_only</c>: keeps the ASCII digits 0-9 only.</summary>
    DigitsOnly,

    /// <summary>
    /// <c>regex_extract</c>: the first match of the pattern; its first group when the pattern has one.
    /// No match gives the empty value (which is then invalid as null_or_empty).
    /// </summary>
    RegexExtract,
}
