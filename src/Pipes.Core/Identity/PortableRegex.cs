namespace Pipes.Core.Identity;

/// <summary>
/// The regex syntax Pipes accepts in identity rules: what both engines read the same way. DuckDB uses RE2; Snowflake
/// documents POSIX extended syntax plus the escapes <c>\d \D \s \S \w \W \b \B</c> and no non-greedy quantifiers
/// (which is RE2's POSIX mode). So: literals, <c>.</c>, bracket classes (with <c>[:alpha:]</c>-style names, no
/// backslash inside: POSIX reads it as a literal, RE2 as an escape),
/// <c>^ $ | ( )</c>, <c>* + ? {n} {n,} {n,m}</c> (n, m ≤ 1000), those eight escapes and a backslash before
/// punctuation. Everything else (lookaround, backreferences, <c>(?:…)</c>, named groups, inline flags, lazy or
/// possessive quantifiers, <c>\A \z \p{…}</c>, <c>\t \x41</c>) is refused with the reason, at load time, instead of
/// failing on the engine at run time. No kept library checks this subset (there is no RE2 binding among the packages).
/// </summary>
public static class PortableRegex
{
    /// <summary>RE2's largest repeat count.</summary>
    public const int MaxRepeat = 1000;

    private static readonly string[] ClassNames =
        ["alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "xdigit"];

    /// <summary>Checks a pattern; <see cref="PortableRegexResult.Error"/> is null when it is portable.</summary>
    public static PortableRegexResult Check(string pattern) => new Parser(pattern).Run();

    private sealed class Parser(string p)
    {
        private int _i;
        private int _groups;

        public PortableRegexResult Run()
        {
            var depth = 0;
            var canRepeat = false; // the last item is something a quantifier may follow
            var afterQuantifier = false;
            while (_i < p.Length)
            {
                var at = _i;
                var c = p[_i];
                if (afterQuantifier && c is '?' or '+' or '*' or '{')
                {
                    return Fail(at, c switch
                    {
                        '?' => "lazy (non-greedy) quantifiers are not supported (Snowflake reads them differently)",
                        '+' => "possessive quantifiers are not supported",
                        _ => "a quantifier cannot follow another quantifier; group the first one: (a*)*",
                    });
                }
                afterQuantifier = false;
                switch (c)
                {
                    case '(':
                        if (_i + 1 < p.Length && p[_i + 1] == '?') return Fail(at, Special(_i));
                        depth++;
                        _groups++;
                        _i++;
                        canRepeat = false;
                        break;
                    case ')':
                        if (depth == 0) return Fail(at, "unmatched ')'");
                        depth--;
                        _i++;
                        canRepeat = true;
                        break;
                    case '|':
                    case '^':
                    case '$':
                        _i++;
                        canRepeat = false;
                        break;
                    case '*':
                    case '+':
                    case '?':
                        if (!canRepeat) return Fail(at, $"'{c}' has nothing to repeat");
                        _i++;
                        afterQuantifier = true;
                        break;
                    case '{':
                        if (Repeat() is { } error) return Fail(at, error);
                        if (!canRepeat) return Fail(at, "'{' has nothing to repeat");
                        afterQuantifier = true;
                        break;
                    case '[':
                        if (CharClass() is { } classError) return Fail(_i, classError);
                        canRepeat = true;
                        break;
                    case '\\':
                        var (escapeError, repeatable) = Escape();
                        if (escapeError is not null) return Fail(at, escapeError);
                        canRepeat = repeatable;
                        break;
                    default:
                        _i++;
                        canRepeat = true;
                        break;
                }
            }
            return depth > 0 ? Fail(p.Length, "missing ')'") : new PortableRegexResult(null, 0, _groups);
        }

        private PortableRegexResult Fail(int index, string message) => new(message, index + 1, _groups);

        /// <summary>What a <c>(?</c> construct is, for the message.</summary>
        private string Special(int i)
        {
            var rest = p[(i + 2)..];
            var (what, hint) = rest switch
            {
                _ when rest.StartsWith('=') || rest.StartsWith('!') => ("lookahead (?=…) / (?!…) is", ""),
                _ when rest.StartsWith("<=", StringComparison.Ordinal) || rest.StartsWith("<!", StringComparison.Ordinal) => ("lookbehind (?<=…) / (?<!…) is", ""),
                _ when rest.StartsWith('>') => ("an atomic group (?>…) is", ""),
                _ when rest.StartsWith('<') || rest.StartsWith("P<", StringComparison.Ordinal) || rest.StartsWith('\'') => ("a named group (?<name>…) is", "; use a plain group (…)"),
                _ when rest.StartsWith(':') => ("a non-capturing group (?:…) is", "; use a plain group (…) (regex_extract keeps the first group)"),
                _ => ("an inline flag or other (?…) construct is", ""),
            };
            return $"{what} not supported: Snowflake's POSIX syntax has no (?…){hint}";
        }

        /// <summary>At <c>{</c>: consumes {n}, {n,} or {n,m}; otherwise an error (a literal brace must be escaped).</summary>
        private string? Repeat()
        {
            var close = p.IndexOf('}', _i);
            var body = close < 0 ? "" : p[(_i + 1)..close];
            var parts = body.Split(',');
            if (close < 0 || parts.Length > 2 || !int.TryParse(parts[0], out var min) || parts[0].Any(ch => ch is < '0' or > '9')
                || (parts.Length == 2 && parts[1].Length > 0 && (!int.TryParse(parts[1], out _) || parts[1].Any(ch => ch is < '0' or > '9'))))
                return "'{' must be a repeat {n}, {n,} or {n,m}; write \\{ for a literal brace";
            var max = parts.Length == 2 && parts[1].Length > 0 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : min;
            if (min > MaxRepeat || max > MaxRepeat) return $"repeat counts above {MaxRepeat} are not supported (RE2's limit)";
            if (max < min) return $"repeat {{{body}}} has its maximum below its minimum";
            _i = close + 1;
            return null;
        }

        /// <summary>At <c>\</c> outside a class: returns an error, or whether a quantifier may follow.</summary>
        private (string? Error, bool Repeatable) Escape()
        {
            if (_i + 1 >= p.Length) return ("the pattern ends with a lone backslash", false);
            var c = p[_i + 1];
            _i += 2;
            return c switch
            {
                'd' or 'D' or 's' or 'S' or 'w' or 'W' => (null, true),
                'b' or 'B' => (null, false),
                _ => (EscapeError(c), true),
            };
        }

        private static string? EscapeError(char c) => c switch
        {
            >= '1' and <= '9' => $"backreferences (\\{c}) are not supported by RE2 or Snowflake",
            'k' => "named backreferences (\\k<…>) are not supported by RE2 or Snowflake",
            'A' or 'z' or 'Z' or 'G' => $"\\{c} is not supported by Snowflake; use ^ and $ (identity patterns match the whole value anyway)",
            'p' or 'P' => $"Unicode classes (\\{c}{{…}}) are not supported by Snowflake's POSIX syntax",
            'Q' or 'E' => "\\Q…\\E quoting is not supported by Snowflake; escape each character",
            't' or 'n' or 'r' or 'f' or 'v' or 'a' or 'x' or '0' or 'e' or 'c' or 'u' =>
                $"\\{c} is not among Snowflake's documented escapes (\\d \\D \\s \\S \\w \\W \\b \\B); write the character itself or a class like [[:space:]]",
            _ when c < 128 && !char.IsLetterOrDigit(c) => null, // an escaped punctuation character is itself
            _ => $"unknown escape \\{c}",
        };

        /// <summary>At <c>[</c>: consumes a bracket class or returns an error (<see cref="_i"/> at the problem).</summary>
        private string? CharClass()
        {
            var start = _i;
            _i++;
            if (_i < p.Length && p[_i] == '^') _i++;
            var first = true;
            while (_i < p.Length && (p[_i] != ']' || first))
            {
                if (p[_i] == '[' && _i + 1 < p.Length && p[_i + 1] is ':' or '=' or '.')
                {
                    if (p[_i + 1] != ':') return "collating elements [. .] and equivalence classes [= =] are not supported by RE2";
                    var end = p.IndexOf(":]", _i + 2, StringComparison.Ordinal);
                    var name = end < 0 ? "" : p[(_i + 2)..end];
                    if (end < 0 || !ClassNames.Contains(name)) return $"unknown character class name [:{name}:]; expected one of {string.Join(", ", ClassNames)}";
                    _i = end + 2;
                    first = false;
                    continue;
                }
                if (p[_i] == '-' && !first && _i + 1 < p.Length && p[_i + 1] != ']')
                    return "'-' inside [ ] must come first, last or between two characters of a range (Snowflake's POSIX rule)";
                var item = _i;
                var (lo, loError) = ClassChar();
                if (loError is not null) return loError;
                if (_i + 1 < p.Length && p[_i] == '-' && p[_i + 1] != ']')
                {
                    _i++;
                    var (hi, hiError) = ClassChar();
                    if (hiError is not null) return hiError;
                    if (hi < lo)
                    {
                        _i = item;
                        return $"range {char.ConvertFromUtf32(lo)}-{char.ConvertFromUtf32(hi)} in [ ] is out of order";
                    }
                }
                first = false;
            }
            if (_i >= p.Length)
            {
                _i = start;
                return "missing ']'";
            }
            _i++;
            return null;
        }

        /// <summary>
        /// One character (code point) inside a bracket class. A backslash there is refused: RE2 reads an escape
        /// (<c>[\s]</c> is whitespace) where Snowflake's POSIX syntax reads a literal backslash and an <c>s</c>.
        /// </summary>
        private (int CodePoint, string? Error) ClassChar()
        {
            if (p[_i] == '\\')
                return (0, "a backslash inside [ ] is an escape for RE2 but a literal for Snowflake's POSIX syntax; write a class name such as [:space:] or [:digit:], or the character itself (']' first, '-' first or last)");
            var rune = char.ConvertToUtf32(p, _i);
            _i += char.IsSurrogatePair(p, _i) ? 2 : 1;
            return (rune, null);
        }
    }
}

/// <summary>
/// The outcome of <see cref="PortableRegex.Check"/>: <see cref="Error"/> is null for a portable pattern, else the reason,
/// at <see cref="Position"/> (1-based character of the pattern). <see cref="Groups"/> counts capturing groups.
/// </summary>
public sealed record PortableRegexResult(string? Error, int Position, int Groups);
