namespace Pipes.Core.Models;

/// <summary>
/// Maps a line of a failed statement back to the model file it came from. The statement embeds the model's
/// rendered SELECT; rendering keeps most lines as written (a <c>ref</c> call changes text, not lines), so the
/// rendered lines are aligned with the file's lines: equal non-blank lines anchor (longest common subsequence), and
/// the lines between two anchors map by position when both gaps are the same size, otherwise to the file line
/// sharing the longest prefix. A column is kept only when the text before it is the same in both.
/// </summary>
public static class ModelLineMap
{
    // Past this many line pairs the alignment is skipped (a model of thousands of lines): the line maps by position.
    private const long MaxCells = 4_000_000;

    /// <summary>The 1-based (line, column) in the model file, column 1 when unknown; null when the line is not model text.</summary>
    public static (int Line, int Column)? Map(string statement, int statementLine, int? statementColumn, IReadOnlyList<string> embedded, string source)
    {
        foreach (var text in embedded.Where(t => t.Length > 0))
        {
            var at = statement.IndexOf(text, StringComparison.Ordinal);
            if (at < 0) continue;
            var firstLine = Count(statement, at) + 1;
            var rendered = text.Split('\n');
            var r = statementLine - firstLine;
            if (r < 0 || r >= rendered.Length) continue;
            // On its first line the model's text may start after the template's own text.
            var lineStart = statement.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
            var column = statementColumn - (r == 0 ? at - lineStart : 0);
            var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            var s = SourceLine(rendered, lines, r);
            return (s + 1, column is { } c && c >= 1 && SamePrefix(rendered[r], lines[s], c - 1) ? c : 1);
        }
        return null;
    }

    private static int Count(string text, int end)
    {
        var n = 0;
        for (var i = 0; i < end; i++) if (text[i] == '\n') n++;
        return n;
    }

    private static bool SamePrefix(string a, string b, int length) =>
        length <= a.Length && length <= b.Length && string.CompareOrdinal(a, 0, b, 0, length) == 0;

    /// <summary>The 0-based file line of rendered line <paramref name="r"/>.</summary>
    private static int SourceLine(string[] rendered, string[] source, int r)
    {
        // Trailing blank lines of the file have nothing rendered (the SELECT was trimmed).
        var sourceCount = source.Length;
        while (sourceCount > 1 && source[sourceCount - 1].Trim().Length == 0) sourceCount--;
        if ((long)rendered.Length * sourceCount > MaxCells) return Math.Min(r + sourceCount - rendered.Length, sourceCount - 1);

        var anchors = Anchors(rendered, source, sourceCount);
        var (r0, s0) = (-1, -1);
        foreach (var (ra, sa) in anchors.Append((rendered.Length, sourceCount)))
        {
            if (r == ra) return sa;
            if (r < ra)
            {
                // r lies in the gap between (r0, s0) and (ra, sa).
                var (renderedGap, sourceGap) = (ra - r0 - 1, sa - s0 - 1);
                if (sourceGap <= 0) return Math.Max(0, Math.Min(s0, sourceCount - 1));
                if (renderedGap == sourceGap) return s0 + (r - r0);
                var best = s0 + 1;
                for (var s = s0 + 1; s < sa; s++)
                    if (CommonPrefix(rendered[r], source[s]) > CommonPrefix(rendered[r], source[best])) best = s;
                return best;
            }
            (r0, s0) = (ra, sa);
        }
        return sourceCount - 1;
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n]) n++;
        return n;
    }

    /// <summary>Pairs of equal non-blank lines, in order, as many as possible (a longest common subsequence).</summary>
    private static List<(int R, int S)> Anchors(string[] rendered, string[] source, int sourceCount)
    {
        bool Same(int r, int s) => rendered[r].Trim().Length > 0 && rendered[r] == source[s];
        var best = new int[rendered.Length + 1, sourceCount + 1];
        for (var r = rendered.Length - 1; r >= 0; r--)
            for (var s = sourceCount - 1; s >= 0; s--)
                best[r, s] = Same(r, s) ? best[r + 1, s + 1] + 1 : Math.Max(best[r + 1, s], best[r, s + 1]);
        var pairs = new List<(int, int)>();
        for (int r = 0, s = 0; r < rendered.Length && s < sourceCount;)
        {
            if (Same(r, s)) { pairs.Add((r, s)); r++; s++; }
            else if (best[r + 1, s] >= best[r, s + 1]) r++;
            else s++;
        }
        return pairs;
    }
}
