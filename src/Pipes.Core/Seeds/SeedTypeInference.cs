using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipes.Core.Seeds;

/// <summary>Picks the narrowest portable type that every non-empty value of a column fits.</summary>
public static partial class SeedTypeInference
{
    public static string Infer(IEnumerable<string?> values)
    {
        var candidates = new List<(string Type, Func<string, bool> Fits)>
        {
            ("integer", IsInteger),
            ("number", v => DecimalPattern().IsMatch(v)),
            ("boolean", v => v is "true" or "false" or "TRUE" or "FALSE" or "True" or "False"),
            ("date", v => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)),
            ("datetime", v => DateTimePattern().IsMatch(v) && DateTime.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _)),
        };
        var seenAny = false;
        foreach (var value in values)
        {
            if (value is null) continue;
            seenAny = true;
            candidates.RemoveAll(c => !c.Fits(value));
            if (candidates.Count == 0) return "string";
        }
        return seenAny ? candidates[0].Type : "string";
    }

    // Leading zeros mean an identifier ("00123"), which must stay text.
    private static bool IsInteger(string v) =>
        IntegerPattern().IsMatch(v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")]
    private static partial Regex DecimalPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex DateTimePattern();
}
