using System.Globalization;
using System.Text;
using Pipes.Core.Steps;
using Pipes.Core.Templating;

namespace Pipes.Core.Seeds;

/// <summary>
/// Loads a seed's CSV rows without putting them in the compiled SQL. The node's statements create the table and a
/// staging table of text columns (the CSV's own names plus <see cref="LineColumn"/>); the runner fills the staging
/// table through the target's bulk path (DuckDB's appender; elsewhere bounded INSERT chunks that <see cref="Chunk"/>
/// renders from <c>rows</c>), then runs <see cref="Insert"/>, which casts each column in the engine. When a cast
/// fails, <see cref="FindBadValue"/> names the CSV line and column of the first value that does not convert.
/// </summary>
public sealed record SeedLoadStep(
    string CsvPath,
    string Checksum,
    CsvTable Table,
    IReadOnlyList<SeedColumn> Columns,
    SeedStage Stage,
    string Insert,
    string FindBadValue,
    string CountRows,
    RunTimeTemplate Chunk) : HostStep
{
    /// <summary>The staging column holding each row's CSV line.</summary>
    public const string LineColumn = "pipes_csv_line";

    /// <summary>Rows per INSERT chunk.</summary>
    public int ChunkRows { get; init; } = 1000;

    /// <summary>
    /// UTF-8 bytes per INSERT chunk: a quarter of the 1 MB per statement Snowflake recommends (larger statements
    /// cannot be retried, it truncates them before storing them).
    /// </summary>
    public int ChunkBytes { get; init; } = 256 * 1024;

    /// <summary>The chunk of the first row, rendered at compile time for the compiled file (empty without rows).</summary>
    public string ExampleChunk { get; init; } = "";

    /// <summary>The rows, each with its CSV line.</summary>
    public IEnumerable<SeedRow> Rows => Table.Rows.Select((values, i) => new SeedRow(i < Table.RowLines.Count ? Table.RowLines[i] : i + 2, values));

    /// <summary>
    /// The staging rows as INSERT statements of at most <see cref="ChunkRows"/> rows and <see cref="ChunkBytes"/> bytes:
    /// a chunk that renders too large is halved until it fits. Deterministic: the same CSV gives the same chunks.
    /// </summary>
    /// <exception cref="InvalidOperationException">One row alone is larger than <see cref="ChunkBytes"/>.</exception>
    public IEnumerable<string> Chunks()
    {
        foreach (var chunk in Rows.Chunk(ChunkRows))
            foreach (var sql in Fit(chunk))
                yield return sql;
    }

    private IEnumerable<string> Fit(IReadOnlyList<SeedRow> rows)
    {
        var sql = Chunk.Render(("rows", rows));
        if (Encoding.UTF8.GetByteCount(sql) <= ChunkBytes)
        {
            yield return sql;
            yield break;
        }
        if (rows.Count == 1)
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{CsvPath} line {rows[0].Line}: the row is larger than {ChunkBytes:N0} bytes as SQL, the most one statement carries"));
        var half = rows.Count / 2;
        foreach (var part in Fit(rows.Take(half).ToList())) yield return part;
        foreach (var part in Fit(rows.Skip(half).ToList())) yield return part;
    }

    public override IEnumerable<string> Describe()
    {
        var example = ExampleChunk.Length == 0 ? "" : "\n-- e.g. " + ExampleChunk.ReplaceLineEndings("\n-- ");
        // Invariant culture: the compiled file must be the same on every machine.
        yield return string.Create(CultureInfo.InvariantCulture,
            $"-- pipes: the runner puts the {Table.Rows.Count:N0} rows of {CsvPath} (sha256 {Checksum}) into {Stage.Relation}\n-- through the target's bulk path (an appender where the engine has one, as DuckDB does; otherwise INSERT chunks of at most {ChunkRows:N0} rows and {ChunkBytes:N0} bytes){example}");
        yield return Insert;
    }
}

/// <summary>A seed column: the CSV's name and its portable type.</summary>
public sealed record SeedColumn(string Name, string Type);

/// <summary>One CSV row: its line in the file and its values (null for an empty field).</summary>
public sealed record SeedRow(int Line, string?[] Values);

/// <summary>The staging table, quoted for SQL and as bare parts for an appender.</summary>
public sealed record SeedStage(string Relation, string? Database, string? Schema, string Name);
