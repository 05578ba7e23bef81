using System.Globalization;
using System.Text;
using Pipes.Core.Identity;

namespace Pipes.Tests.Identity.Sql;

/// <summary>Writes <see cref="IdentityRules"/> back as the project's <c>identity:</c> YAML, so SQL tests go through the real reader.</summary>
public static class IdentityYaml
{
    public static string Write(IdentityRules rules)
    {
        var yaml = new StringBuilder("identity:\n  id_types:\n");
        foreach (var type in rules.Types)
        {
            var fields = new List<string> { $"priority: {type.Priority}" };
            if (type.Limit is { } limit) fields.Add($"limit: {limit}");
            if (type.Normalizers.Count > 0) fields.Add("normalize: [" + string.Join(", ", type.Normalizers.Select(Normalizer)) + "]");
            if (type.MinLength is { } min) fields.Add($"min_length: {min}");
            if (type.MaxLength is { } max) fields.Add($"max_length: {max}");
            if (type.Pattern is { } pattern) fields.Add($"pattern: {Quote(pattern)}");
            if (Exclusions(type.Exclusions) is { } exclude) fields.Add($"exclude: {exclude}");
            if (type.MaxLinks.Count > 0) fields.Add("max_links: {" + string.Join(", ", type.MaxLinks.Select(m => $"{m.Key}: {m.Value}")) + "}");
            yaml.Append(CultureInfo.InvariantCulture, $"    {type.Name}: {{{string.Join(", ", fields)}}}\n");
        }
        if (Exclusions(rules.GlobalExclusions) is { } global) yaml.Append(CultureInfo.InvariantCulture, $"  exclude: {global}\n");
        return yaml.ToString();
    }

    private static string Normalizer(IdNormalizer n) => n.Kind switch
    {
        IdNormalizerKind.Lowercase => "lowercase",
        IdNormalizerKind.Uppercase => "uppercase",
        IdNormalizerKind.RemoveWhitespace => "remove_whitespace",
        IdNormalizerKind.DigitsOnly => "digits_only",
        _ => "{regex_extract: " + Quote(n.Pattern!) + "}",
    };

    private static string? Exclusions(IdExclusions e) =>
        e.Values.Count + e.Patterns.Count == 0 ? null
            : "[" + string.Join(", ", e.Values.Select(Quote).Concat(e.Patterns.Select(p => "{regex: " + Quote(p) + "}"))) + "]";

    private static string Quote(string text) => "'" + text.Replace("'", "''") + "'";
}
