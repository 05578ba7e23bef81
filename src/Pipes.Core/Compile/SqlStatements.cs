using System.Text;

namespace Pipes.Core.Compile;

/// <summary>Templates write <c>{{ statement_end }}</c> between statements; this is the marker and the one way to split on it.</summary>
public static class SqlStatements
{
    public const string End = "\u001e";

    /// <summary>The statements of a rendered template, trimmed, without trailing semicolons, empty ones dropped.</summary>
    public static List<string> Split(string text) =>
        text.Split(End).Select(s => s.Trim().TrimEnd(';').TrimEnd()).Where(s => s.Length > 0).ToList();

    /// <summary>
    /// The hash a node's state records of its statements (32 hex characters of SHA-256), so a later run can tell
    /// whether they changed. Comments and the layout of whitespace are left out: a reworded comment in a template is
    /// not a change of rules, and would otherwise make every deployment read all its rows again.
    /// </summary>
    public static string Hash(IEnumerable<string> statements)
    {
        var text = string.Join(End, statements.Select(WithoutComments));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    /// <summary>
    /// <paramref name="sql"/> without <c>--</c> and <c>/* */</c> comments and with each run of whitespace made one
    /// space; text inside quotes (<c>'…'</c>, <c>"…"</c>, <c>$$…$$</c>) is kept as it is.
    /// </summary>
    public static string WithoutComments(string sql)
    {
        var result = new StringBuilder(sql.Length);
        var space = false;
        for (var i = 0; i < sql.Length;)
        {
            var c = sql[i];
            if (c == '-' && At(sql, i, "--"))
            {
                while (i < sql.Length && sql[i] != '\n') i++;
                space = true;
            }
            else if (c == '/' && At(sql, i, "/*"))
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
                space = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
                space = true;
            }
            else
            {
                if (space && result.Length > 0) result.Append(' ');
                space = false;
                var close = c switch { '\'' => "'", '"' => "\"", '$' when At(sql, i, "$$") => "$$", _ => null };
                if (close is null)
                {
                    result.Append(c);
                    i++;
                    continue;
                }
                // A quoted text, copied whole; a doubled quote inside ('it''s') is two quoted texts back to back.
                var stop = sql.IndexOf(close, i + close.Length, StringComparison.Ordinal);
                stop = stop < 0 ? sql.Length : stop + close.Length;
                result.Append(sql, i, stop - i);
                i = stop;
            }
        }
        return result.ToString();
    }

    private static bool At(string text, int index, string what) => string.CompareOrdinal(text, index, what, 0, what.Length) == 0;
}
