namespace Pipes.Tests.Load;

/// <summary>
/// Small, plausible damage to a project file, as a hurried edit or a bad merge would do: lines dropped, doubled,
/// swapped or re-indented, text cut off, values swapped for other shapes, stray YAML and template syntax. Deterministic
/// for a given <see cref="Random"/>.
/// </summary>
public static class ProjectMutator
{
    private static readonly string[] Tokens =
    {
        "{", "}", "[", "]", ":", ": ", "- ", "---\n", "...\n", "&a ", "*a", "&a [x, *a]", "\t", "\"", "'", "#", "|", ">", "? ", "!!binary ", "!x ",
        "{{", "}}", "{{ this }}", "{{ ref \"nope\" }}", "{{ ref \"stg_events\" ", "{{ var \"missing\" }}", "{{ 1/0 }}", "{%{", "}%}",
        "\0", "\r\n", "\u00e9", "\U0001F600", "\u200b", ";", "--", "/*", "'; DROP TABLE x; --", "%", "@", "`", "\\", "$", "null", "~",
        new string('a', 300), "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    };

    private static readonly string[] Values =
    {
        "[1]", "{a: 1}", "\"\"", "null", "-1", "0", "99999999999", "true", "1.5", "[]", "{}", "x", "'a b'", "*nope", "[a, [b, [c]]]",
    };

    /// <summary>One mutation of <paramref name="text"/>, and a short description of it.</summary>
    public static (string Text, string What) Mutate(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        var line = random.Next(lines.Count);
        switch (random.Next(11))
        {
            case 0:
                lines.RemoveAt(line);
                return (Join(lines), $"deleted line {line + 1}");
            case 1:
                lines.Insert(line, lines[line]);
                return (Join(lines), $"doubled line {line + 1}");
            case 2 when lines.Count > 1:
                var other = Math.Min(line + 1, lines.Count - 1);
                (lines[line], lines[other]) = (lines[other], lines[line]);
                return (Join(lines), $"swapped lines {line + 1} and {other + 1}");
            case 3:
                var at = random.Next(text.Length + 1);
                var token = Tokens[random.Next(Tokens.Length)];
                return (text.Insert(at, token), $"inserted {Show(token)} at offset {at}");
            case 4 when text.Length > 0:
                var start = random.Next(text.Length);
                var length = Math.Min(1 + random.Next(20), text.Length - start);
                return (text.Remove(start, length), $"deleted {length} chars at offset {start}");
            case 5:
                var words = System.Text.RegularExpressions.Regex.Matches(text, "[A-Za-z_][A-Za-z0-9_]*").ToList();
                if (words.Count < 2) goto default;
                var target = words[random.Next(words.Count)];
                var replacement = words[random.Next(words.Count)].Value;
                return (text.Remove(target.Index, target.Length).Insert(target.Index, replacement), $"replaced '{target.Value}' at offset {target.Index} with '{replacement}'");
            case 6:
                var cut = random.Next(text.Length + 1);
                return (text[..cut], $"cut at offset {cut}");
            case 7:
                return (random.Next(3) == 0 ? "" : random.Next(2) == 0 ? "---\n" : "\n\n# nothing\n", "emptied");
            case 8:
                var colon = lines[line].IndexOf(": ", StringComparison.Ordinal);
                if (colon < 0) goto default;
                var value = Values[random.Next(Values.Length)];
                lines[line] = lines[line][..(colon + 2)] + value;
                return (Join(lines), $"line {line + 1} value set to {value}");
            case 9:
                lines[line] = random.Next(2) == 0 ? "  " + lines[line] : lines[line].StartsWith("  ", StringComparison.Ordinal) ? lines[line][2..] : "\t" + lines[line];
                return (Join(lines), $"re-indented line {line + 1}");
            default:
                var end = random.Next(text.Length + 1);
                return (text.Insert(end, "\n" + lines[line]), $"copied line {line + 1} to offset {end}");
        }
    }

    private static string Join(List<string> lines) => string.Join('\n', lines);

    private static string Show(string token) => token.Length > 20 ? $"{token[..10]}…({token.Length} chars)" : token.Replace("\n", "\\n").Replace("\t", "\\t").Replace("\0", "\\0").Replace("\r", "\\r");
}
