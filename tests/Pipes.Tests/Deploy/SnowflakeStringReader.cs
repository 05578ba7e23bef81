using System.Text;

namespace Pipes.Tests.Deploy;

/// <summary>
/// Reads Snowflake SQL text the way Snowflake lexes it, independently of the code that wrote it: <c>--</c> comments
/// run to the line end, single-quoted constants end at a lone quote, and inside them <c>''</c> and the backslash
/// escape sequences (<c>\\ \' \n \t \r \b \f \0</c>; any other <c>\c</c> is <c>c</c>) are decoded.
/// </summary>
public static class SnowflakeStringReader
{
    /// <summary>Every constant that directly follows <paramref name="keyword"/> (e.g. "EXECUTE IMMEDIATE"), decoded, in order.</summary>
    public static List<string> ConstantsAfter(string sql, string keyword)
    {
        var found = new List<string>();
        var i = 0;
        var code = new StringBuilder(); // the code read since the last constant, to see what precedes the next one
        while (i < sql.Length)
        {
            if (sql[i] == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                while (i < sql.Length && sql[i] != '\n') i++;
                continue;
            }
            if (sql[i] == '\'')
            {
                var (value, end) = Constant(sql, i);
                if (code.ToString().TrimEnd().EndsWith(keyword, StringComparison.Ordinal)) found.Add(value);
                code.Clear();
                i = end;
                continue;
            }
            code.Append(sql[i]);
            i++;
        }
        return found;
    }

    /// <summary>The constant starting at <paramref name="start"/> (a quote), decoded, and the index after its closing quote.</summary>
    public static (string Value, int End) Constant(string sql, int start)
    {
        var value = new StringBuilder();
        var i = start + 1;
        while (true)
        {
            if (i >= sql.Length) throw new FormatException($"constant starting at {start} is not closed");
            var c = sql[i];
            if (c == '\'')
            {
                if (i + 1 < sql.Length && sql[i + 1] == '\'') { value.Append('\''); i += 2; continue; }
                return (value.ToString(), i + 1);
            }
            if (c == '\\')
            {
                var next = sql[i + 1];
                value.Append(next switch { 'n' => '\n', 't' => '\t', 'r' => '\r', 'b' => '\b', 'f' => '\f', '0' => '\0', _ => next });
                i += 2;
                continue;
            }
            value.Append(c);
            i++;
        }
    }
}
