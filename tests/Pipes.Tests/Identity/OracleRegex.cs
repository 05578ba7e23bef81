using System.Text;

namespace Pipes.Tests.Identity;

/// <summary>
/// A portable pattern (<see cref="Core.Identity.PortableRegex"/>) rewritten for .NET with RE2's meaning: .NET's
/// <c>\d \s \w \b</c> are Unicode-aware and it has no <c>[:alpha:]</c> names, while RE2's are ASCII
/// (docs/identity.md "Non-ASCII text"). The oracle matches with the rewritten pattern.
/// </summary>
public static class OracleRegex
{
    private const string Word = "0-9A-Za-z_";
    private const string Space = @"\t\n\f\r ";

    private static readonly Dictionary<string, string> Names = new()
    {
        ["alnum"] = "0-9A-Za-z", ["alpha"] = "A-Za-z", ["blank"] = @"\t ", ["cntrl"] = @"\x00-\x1F\x7F", ["digit"] = "0-9",
        ["graph"] = @"\x21-\x7E", ["lower"] = "a-z", ["print"] = @"\x20-\x7E", ["punct"] = @"!-/:-@\[-`{-~",
        ["space"] = @"\t\n\v\f\r ", ["upper"] = "A-Z", ["xdigit"] = "0-9A-Fa-f",
    };

    public static string ToDotNet(string pattern)
    {
        var output = new StringBuilder();
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var e = pattern[++i];
                output.Append((e, inClass) switch
                {
                    ('d', true) => "0-9",
                    ('s', true) => Space,
                    ('w', true) => Word,
                    ('d', false) => "[0-9]",
                    ('D', false) => "[^0-9]",
                    ('s', false) => $"[{Space}]",
                    ('S', false) => $"[^{Space}]",
                    ('w', false) => $"[{Word}]",
                    ('W', false) => $"[^{Word}]",
                    ('b', false) => $"(?:(?<=[{Word}])(?![{Word}])|(?<![{Word}])(?=[{Word}]))",
                    ('B', false) => $"(?:(?<=[{Word}])(?=[{Word}])|(?<![{Word}])(?![{Word}]))",
                    _ => "\\" + e,
                });
                continue;
            }
            if (inClass && c == '[' && i + 1 < pattern.Length && pattern[i + 1] == ':')
            {
                var end = pattern.IndexOf(":]", i + 2, StringComparison.Ordinal);
                output.Append(Names[pattern[(i + 2)..end]]);
                i = end + 1;
                continue;
            }
            if (!inClass && c == '[')
            {
                inClass = true;
                output.Append(c);
                // ']' right after '[' or '[^' is a literal, as in RE2
                if (i + 1 < pattern.Length && pattern[i + 1] == '^') output.Append(pattern[++i]);
                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    output.Append(@"\]");
                    i++;
                }
                continue;
            }
            if (inClass && c == ']') inClass = false;
            // '$' in .NET also matches before a final newline; RE2's only at the end
            output.Append(!inClass && c == '$' ? @"\z" : c.ToString());
        }
        return output.ToString();
    }
}
