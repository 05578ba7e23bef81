using System.Globalization;
using Pipes.Core.Compile;
using Pipes.Core.Dialects;
using Pipes.Core.Seeds;
using Pipes.Core.Ingest;
using Pipes.Tests.TestKit;
using Pipes.Core.Templating;

namespace Pipes.Tests.Ingest;

/// <summary>
/// The INSERT chunks an ingest stages through on engines without an appender come from the seeds' template: run on
/// real DuckDB, every value (quotes, backslashes, NULL) lands in its own column with its file line.
/// </summary>
public sealed class IngestStageChunkTests
{
    [Fact]
    public async Task A_stage_chunk_puts_every_value_in_its_column_with_its_line()
    {
        await using var db = DuckDb.InMemory();
        var sql = new IngestSql(DuckDbDialect.Instance, new ExportSettings { Source = "amplitude", ApiKey = "k", SecretKey = "s", Schema = "raw", Table = "events" });
        foreach (var statement in sql.Setup()) await db.ExecuteAsync(statement);
        string?[] Values(int row) => ExportArchive.Columns.Select((c, i) => i == row ? null : $"{c} it's \\ {row}").ToArray();
        var rows = new[] { new SeedRow(7, Values(1)), new SeedRow(9, Values(2)) };

        await db.ExecuteAsync(sql.StageChunk(new TemplateCatalog(null, new())).Render(("rows", rows)));

        var staged = await db.QueryAsync($"SELECT * FROM {sql.Stage.Relation} ORDER BY 1");
        staged.Select(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)).ShouldBe([7L, 9L]);
        staged[0].Skip(1).ShouldBe(rows[0].Values);
        staged[1].Skip(1).ShouldBe(rows[1].Values);
    }
}
