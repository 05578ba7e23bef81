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
            ("number", IsExactDouble),
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

    // DOUBLE holds 15-17 significant digits: a value it would round (12345678901234567891, 9007199254740993) keeps the
    // column text, so two values never load as one. The shortest round-trip form of the parsed double must denote
    // the same decimal value as the text: 1.10 and 0.1 do.
    private static bool IsExactDouble(string v) =>
        DecimalPattern().IsMatch(v)
        && double.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
        && double.IsFinite(d)
        && DecimalValue(v) == DecimalValue(d.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>A decimal numeral (<c>-1.50</c>, <c>1.2E+19</c>) as its significant digits and power of ten, zeros trimmed.</summary>
    private static (bool Negative, string Digits, int Exponent) DecimalValue(string text)
    {
        var e = text.IndexOfAny(['E', 'e']);
        var exponent = e < 0 ? 0 : int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? text : text[..e];
        var negative = mantissa.StartsWith('-');
        mantissa = mantissa.TrimStart('-');
        var point = mantissa.IndexOf('.');
        if (point >= 0)
        {
            exponent -= mantissa.Length - point - 1;
            mantissa = mantissa.Remove(point, 1);
        }
        var digits = mantissa.TrimStart('0');
        var trimmed = digits.TrimEnd('0');
        exponent += digits.Length - trimmed.Length;
        return trimmed.Length == 0 ? (false, "", 0) : (negative, trimmed, exponent);
    }

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")]
    private static partial Regex DecimalPattern();

    // Within Dialect.DatetimePattern (at most 9 fraction digits, nothing after), so the load applies the offset.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?\z")]
    private static partial Regex DateTimePattern();
}
