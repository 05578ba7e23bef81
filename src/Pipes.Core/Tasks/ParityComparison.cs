namespace Pipes.Core.Tasks;

/// <summary>
/// One table read on two targets, compared as multisets of normalised rows (<see cref="ParityValue"/>): row order
/// and column order do not matter, column names are compared case-insensitively (Snowflake reports them upper case).
/// </summary>
public sealed record ParityComparison(
    string Table,
    long LeftRows,
    long RightRows,
    IReadOnlyList<string> ColumnsOnlyLeft,
    IReadOnlyList<string> ColumnsOnlyRight,
    long OnlyLeftCount,
    long OnlyRightCount,
    IReadOnlyList<string> OnlyLeftSample,
    IReadOnlyList<string> OnlyRightSample)
{
    public const int SampleRows = 5;

    public bool Same => ColumnsOnlyLeft.Count == 0 && ColumnsOnlyRight.Count == 0 && OnlyLeftCount == 0 && OnlyRightCount == 0;

    public static ParityComparison Compare(string table, IReadOnlyList<string> leftColumns, IReadOnlyList<object?[]> leftRows,
        IReadOnlyList<string> rightColumns, IReadOnlyList<object?[]> rightRows)
    {
        static string Key(string column) => column.ToLowerInvariant();
        var left = leftColumns.Select(Key).ToList();
        var right = rightColumns.Select(Key).ToList();
        var shared = left.Intersect(right).Order(StringComparer.Ordinal).ToList();

        // A row as "column=value" pairs over the shared columns, in name order.
        static List<string> Lines(IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, List<string> shared)
        {
            var index = shared.Select(c => columns.ToList().IndexOf(c)).ToArray();
            return rows.Select(r => string.Join(", ", shared.Select((c, i) => $"{c}={ParityValue.Text(r[index[i]])}"))).ToList();
        }

        var leftLines = Lines(left, leftRows, shared);
        var rightLines = Lines(right, rightRows, shared);
        var remaining = rightLines.GroupBy(l => l, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var onlyLeft = new List<string>();
        foreach (var line in leftLines)
        {
            if (remaining.TryGetValue(line, out var n) && n > 0) remaining[line] = n - 1;
            else onlyLeft.Add(line);
        }
        var onlyRight = remaining.SelectMany(kv => Enumerable.Repeat(kv.Key, kv.Value)).ToList();
        onlyLeft.Sort(StringComparer.Ordinal);
        onlyRight.Sort(StringComparer.Ordinal);
        return new ParityComparison(table, leftRows.Count, rightRows.Count,
            left.Except(right).ToList(), right.Except(left).ToList(),
            onlyLeft.Count, onlyRight.Count, onlyLeft.Take(SampleRows).ToList(), onlyRight.Take(SampleRows).ToList());
    }
}
