namespace Pipes.Core.Identity;

/// <summary>The normalisers an id type may list, in the YAML spelling of their names.</summary>
public enum IdNormalizerKind
{
    /// <summary><c>lowercase</c>: invariant lower case.</summary>
    Lowercase,

    /// <summary><c>uppercase</c>: invariant upper case.</summary>
    Uppercase,

    /// <summary><c>remove_whitespace</c>: drops every character of <see cref="Compile.Dialects.Dialect.WhitespaceCodes"/> (tab, newline, form feed, carriage return, space).</summary>
    RemoveWhitespace,

    /// <summary><c>digits_only</c>: keeps the ASCII digits 0-9 only.</summary>
    DigitsOnly,

    /// <summary>
    /// <c>regex_extract</c>: the first match of the pattern; its first group when the pattern has one.
    /// No match gives the empty value (which is then invalid as null_or_empty).
    /// </summary>
    RegexExtract,
}
