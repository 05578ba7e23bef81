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
