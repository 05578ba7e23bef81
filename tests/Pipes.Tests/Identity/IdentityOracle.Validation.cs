using System.Text.RegularExpressions;
using Pipes.Core.Identity;

namespace Pipes.Tests.Identity;

/// <summary>Section 2: normalise a raw value, then validate it, naming the first reason it fails.</summary>
public static partial class IdentityOracle
{
    private const RegexOptions Invariant = RegexOptions.CultureInvariant;

    /// <summary>The normalised value, or null with the reason it is invalid.</summary>
    internal static (string? Value, string? Reason) Normalize(IdentityRules rules, IdTypeRule type, string? raw)
    {
        if (raw is null)
            return (null, InvalidReasons.NullOrEmpty);

        var value = raw.Trim(' ');
        foreach (var normalizer in type.Normalizers)
            value = Apply(normalizer, value);

        if (value.Length == 0)
            return (null, InvalidReasons.NullOrEmpty);
        var length = value.EnumerateRunes().Count();
        if (type.MinLength is { } min && length < min)
            return (null, InvalidReasons.TooShort);
        if (type.MaxLength is { } max && length > max)
            return (null, InvalidReasons.TooLong);
        if (type.Pattern is { } pattern && !WholeMatch(pattern, value, ignoreCase: false))
            return (null, InvalidReasons.PatternMismatch);
        if (IsExcluded(type.Exclusions, value) || IsExcluded(rules.GlobalExclusions, value))
            return (null, InvalidReasons.Excluded);
        if (IsPlaceholder(value))
            return (null, InvalidReasons.Placeholder);
        return (value, null);
    }

    private static string Apply(IdNormalizer normalizer, string value) => normalizer.Kind switch
    {
        IdNormalizerKind.Lowercase => Lower(value),
        IdNormalizerKind.Uppercase => Upper(value),
        IdNormalizerKind.RemoveWhitespace => new string(value.Where(c => c is not ('\t' or '\n' or '\f' or '\r' or ' ')).ToArray()),
        IdNormalizerKind.DigitsOnly => new string(value.Where(c => c is >= '0' and <= '9').ToArray()),
        IdNormalizerKind.RegexExtract => Extract(normalizer.Pattern!, value),
        _ => throw new ArgumentOutOfRangeException(nameof(normalizer), normalizer.Kind, "unknown normaliser"),
    };

    /// <summary>First match; its first group when the pattern has groups; empty when nothing matches.</summary>
    private static string Extract(string pattern, string value)
    {
        var match = new Regex(OracleRegex.ToDotNet(pattern), Invariant).Match(value);
        if (!match.Success)
            return "";
        return match.Groups.Count > 1 ? match.Groups[1].Value : match.Value;
    }

    private static bool WholeMatch(string pattern, string value, bool ignoreCase)
    {
        var options = ignoreCase ? Invariant | RegexOptions.IgnoreCase : Invariant;
        return Regex.IsMatch(value, @"\A(?:" + OracleRegex.ToDotNet(pattern) + @")\z", options);
    }

    /// <summary>
    /// docs/identity.md "Non-ASCII text": Unicode simple case mapping with İ→i and Σ→σ pinned. .NET's invariant mapping
    /// leaves İ alone, hence the explicit step.
    /// </summary>
    private static string Lower(string value) => value.Replace('İ', 'i').Replace('Σ', 'σ').ToLowerInvariant();

    /// <summary>Unicode simple case mapping with ß→ẞ pinned; .NET's invariant mapping leaves ı (dotless i) alone.</summary>
    private static string Upper(string value) => value.Replace('ß', 'ẞ').Replace('ı', 'I').ToUpperInvariant();

    private static bool IsExcluded(IdExclusions exclusions, string value) =>
        exclusions.Values.Any(v => Lower(v) == Lower(value))
        || exclusions.Patterns.Any(p => WholeMatch(p, value, ignoreCase: true));

    private static bool IsPlaceholder(string value)
    {
        var lower = Lower(value);
        if (IdentityPlaceholders.Values.Contains(lower))
            return true;
        foreach (var c in lower)
        {
            if (c != '0' && c != '-')
                return false;
        }

        return true; // made only of '0' and '-' (the value is not empty here)
    }

    /// <summary>Section 8: Amplitude rejects ids shorter than its minimum and placeholders.</summary>
    private static bool UsableInAmplitude(IdentityRules rules, string value) =>
        value.EnumerateRunes().Count() >= rules.AmplitudeMinIdLength && !IsPlaceholder(value);
}
