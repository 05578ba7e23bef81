using Pipes.Core.Diagnostics;
using Pipes.Core.Yaml;

namespace Pipes.Core.Identity;

/// <summary>Maps an <see cref="IdentitySpec"/> into <see cref="IdentityRules"/>, reporting every invalid value on the way.</summary>
public static class IdentityRulesMapper
{
    public static IdentityRules Map(IdentitySpec spec, DiagnosticBag bag)
    {
        var names = spec.Types.Select(t => t.Name.Value).ToList();
        var priorities = new Dictionary<int, string>();
        var types = new List<IdTypeRule>();
        foreach (var type in spec.Types)
        {
            var name = type.Name.Value;
            if (type.Priority is { } priority)
            {
                if (priorities.TryGetValue(priority.Value, out var other))
                    bag.Error(DiagnosticCodes.DuplicatePriority, priority.Span, $"priority {priority.Value} of id type '{name}' is already used by '{other}'",
                        "priorities decide hubs and edge order; give each type its own");
                else
                    priorities[priority.Value] = name;
            }
            if (type.Limit is { Value: < 1 } limit)
                bag.Error(DiagnosticCodes.InvalidValue, limit.Span, $"limit of id type '{name}' must be at least 1, not {limit.Value}", "leave 'limit' out for no limit");
            if (type.MinLength is { Value: < 0 } min)
                bag.Error(DiagnosticCodes.InvalidValue, min.Span, $"min_length of id type '{name}' must not be negative");
            if (type.MinLength is { } lo && type.MaxLength is { } hi && hi.Value < lo.Value)
                bag.Error(DiagnosticCodes.InvalidValue, hi.Span, $"max_length {hi.Value} of id type '{name}' is below its min_length {lo.Value}");
            // A known type (amplitude_id) starts from Pipes' defaults; each key written replaces its default.
            var defaults = KnownIdTypes.Defaults(name);
            if (type.MinLength is { } minimum && type.MaxLength is null && defaults?.MaxLength is { } defaultMax && minimum.Value > defaultMax)
                bag.Error(DiagnosticCodes.InvalidValue, minimum.Span, $"min_length {minimum.Value} of id type '{name}' is above its default max_length {defaultMax}",
                    "set max_length too, or a smaller min_length");
            if (type.Pattern is { } pattern) CheckRegex(pattern, $"pattern of id type '{name}'", bag);
            foreach (var (other, max) in type.MaxLinks)
            {
                if (!names.Contains(other.Value))
                    bag.Error(DiagnosticCodes.UnknownIdType, other.Span, $"unknown id type '{other.Value}' in max_links of '{name}'", DidYouMean.Hint(other.Value, names));
                if (max.Value < 0)
                    bag.Error(DiagnosticCodes.InvalidValue, max.Span, $"max_links of '{name}' to '{other.Value}' must not be negative");
            }

            types.Add(new IdTypeRule
            {
                Name = name,
                Priority = type.Priority?.Value ?? int.MaxValue,
                Limit = type.Limit?.Value ?? defaults?.Limit,
                Normalizers = type.NormalizeWritten || defaults is null ? Normalizers(type, bag) : defaults.Normalizers,
                MinLength = type.MinLength?.Value ?? defaults?.MinLength,
                MaxLength = type.MaxLength?.Value ?? defaults?.MaxLength,
                Pattern = type.Pattern?.Value ?? defaults?.Pattern,
                Exclusions = Exclusions(type.Exclude, $"exclude of id type '{name}'", bag),
                MaxLinks = type.MaxLinks.ToDictionary(m => m.OtherType.Value, m => m.Max.Value, StringComparer.Ordinal),
            });
        }

        return new IdentityRules
        {
            Types = types,
            GlobalExclusions = Exclusions(spec.Exclude, "global exclude", bag),
            AmplitudeMinIdLength = spec.AmplitudeMinIdLength?.Value ?? IdentityRules.DefaultAmplitudeMinIdLength,
        };
    }

    private static List<IdNormalizer> Normalizers(IdTypeSpec type, DiagnosticBag bag)
    {
        var result = new List<IdNormalizer>();
        foreach (var (kind, pattern) in type.Normalize)
        {
            switch (kind.Value)
            {
                case "lowercase": result.Add(IdNormalizer.Lowercase); break;
                case "uppercase": result.Add(IdNormalizer.Uppercase); break;
                case "remove_whitespace": result.Add(IdNormalizer.RemoveWhitespace); break;
                case "digits_only": result.Add(IdNormalizer.DigitsOnly); break;
                case "regex_extract" when pattern is not null:
                    if (CheckRegex(pattern, $"regex_extract of id type '{type.Name.Value}'", bag))
                        result.Add(IdNormalizer.RegexExtract(pattern.Value));
                    break;
                default:
                    bag.Error(DiagnosticCodes.InvalidValue, kind.Span, $"unknown normaliser '{kind.Value}' of id type '{type.Name.Value}'",
                        DidYouMean.Hint(kind.Value, IdentityReader.Normalizers) ?? "expected lowercase, uppercase, remove_whitespace, digits_only or {regex_extract: '...'}");
                    break;
            }
        }
        return result;
    }

    private static IdExclusions Exclusions(IReadOnlyList<ExclusionSpec> items, string what, DiagnosticBag bag)
    {
        var values = items.Where(e => !e.IsRegex).Select(e => e.Value.Value).ToList();
        var patterns = items.Where(e => e.IsRegex && CheckRegex(e.Value, $"regex in {what}", bag)).Select(e => e.Value.Value).ToList();
        return values.Count == 0 && patterns.Count == 0 ? IdExclusions.None : new IdExclusions(values, patterns);
    }

    /// <summary>
    /// Whether the regex is in the syntax both engines accept (<see cref="PortableRegex"/>): RE2 for DuckDB, POSIX
    /// extended plus Snowflake's documented escapes. Checked here, so a lookahead is a load error, not a run-time one.
    /// </summary>
    internal static bool CheckRegex(Located<string> pattern, string what, DiagnosticBag bag)
    {
        var result = PortableRegex.Check(pattern.Value);
        if (result.Error is null) return true;
        bag.Error(DiagnosticCodes.InvalidRegex, At(pattern, result.Position),
            $"{what} '{pattern.Value}' is not a portable regex: {result.Error} (character {result.Position})",
            "identity regexes use the syntax DuckDB (RE2) and Snowflake (POSIX extended) both accept; see docs/identity.md");
        return false;
    }

    /// <summary>
    /// The span of one character of a one-line scalar written plain or quoted without escapes (its width tells which);
    /// otherwise the scalar's own span.
    /// </summary>
    private static SourceSpan At(Located<string> scalar, int position)
    {
        var span = scalar.Span;
        var width = span.EndColumn - span.Column;
        if (span.Line != span.EndLine || position < 1) return span;
        var offset = width == scalar.Value.Length ? 0 : width == scalar.Value.Length + 2 ? 1 : -1;
        return offset < 0 ? span : SourceSpan.At(span.File, span.Line, span.Column + offset + Math.Min(position, scalar.Value.Length + 1) - 1);
    }
}
