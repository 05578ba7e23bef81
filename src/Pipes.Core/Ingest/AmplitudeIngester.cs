using System.Globalization;
using Pipes.Core.Seeds;
using Pipes.Core.Targets;

namespace Pipes.Core.Ingest;

/// <summary>
/// Ingests hours from the Export API into the events table, oldest first, one hour at a time: download, stage each
/// archive file through the target's bulk path (DuckDB's appender; elsewhere bounded INSERT chunks, as seeds load),
/// then replace the hour in one transaction (<see cref="IngestSql.ReplaceHour"/>). A re-run of an hour therefore
/// replaces exactly that hour; a run stopped anywhere leaves every hour either as before or fully replaced. The first
/// hour that fails stops the run: the watermark stays at the last hour done.
/// </summary>
public sealed class AmplitudeIngester(ITarget target, ExportSettings settings, ExportApiClient client, TimeProvider time, string workDirectory, Templating.TemplateCatalog templates)
{
    private readonly IngestSql _sql = new(target.Dialect, settings);
    private readonly StatementContext _context = new("ingest." + settings.Source, $"pipes:ingest:{settings.Source}");

    public string EventsTable => _sql.Events;

    public async Task SetupAsync(CancellationToken cancellationToken)
    {
        foreach (var statement in _sql.Setup()) await target.ExecuteAsync(statement, _context, cancellationToken);
    }

    /// <summary>The last hour fully ingested, or null before the first.</summary>
    public async Task<DateTime?> WatermarkAsync(CancellationToken cancellationToken)
    {
        var rows = (await target.ExecuteAsync(_sql.ReadWatermark, _context, cancellationToken)).Rows;
        if (rows.Count == 0 || rows[0][0] is null) return null;
        return rows[0][0] switch
        {
            DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
            var other => DateTime.Parse(Convert.ToString(other, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        };
    }

    public async Task<HourResult> IngestHourAsync(DateTime hour, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workDirectory);
        var archive = Path.Combine(workDirectory, $"{settings.Source}_{ExportHour.Text(hour)}.zip");
        try
        {
            var download = await client.DownloadAsync(hour, archive, cancellationToken);
            await target.ExecuteAsync(_sql.ClearStage, _context, cancellationToken);
            var files = 0;
            long events = 0;
            if (!download.NoData)
            {
                foreach (var file in ExportArchive.Read(archive, hour))
                {
                    files++;
                    events += file.Rows.Count;
                    if (file.Rows.Count > 0) await target.LoadSeedRowsAsync(Step(file), _context, cancellationToken);
                }
            }
            var staged = await CountAsync(_sql.CountStage, cancellationToken);
            if (staged != events)
                throw new IngestException(string.Create(CultureInfo.InvariantCulture, $"hour {ExportHour.Text(hour)}: the archive has {events:N0} events but {staged:N0} were staged"));
            var status = download.NoData ? "no_data" : "loaded";
            await ReplaceAsync(_sql.ReplaceHour(hour, status, files, events, time.GetUtcNow().UtcDateTime), cancellationToken);
            var loaded = await CountAsync(_sql.CountHour(hour), cancellationToken);
            if (loaded != events)
                throw new IngestException(string.Create(CultureInfo.InvariantCulture, $"hour {ExportHour.Text(hour)}: {events:N0} events staged but {loaded:N0} are in {_sql.Events}"));
            return new HourResult(hour, status, files, events, download.Bytes, download.Requests);
        }
        finally
        {
            File.Delete(archive);
        }
    }

    private async Task ReplaceAsync(string sql, CancellationToken cancellationToken)
    {
        try
        {
            await target.ExecuteAsync(sql, _context, cancellationToken);
        }
        catch (Exception) when (!target.Dialect.SupportsScripting)
        {
            // A batch that failed inside its transaction leaves it open on the connection; end it so nothing half-done is kept.
            try { await target.ExecuteAsync("ROLLBACK", _context, CancellationToken.None); } catch (TargetException) { /* no transaction was open */ }
            throw;
        }
    }

    private async Task<long> CountAsync(string sql, CancellationToken cancellationToken) =>
        Convert.ToInt64((await target.ExecuteAsync(sql, _context, cancellationToken)).Rows[0][0], CultureInfo.InvariantCulture);

    // Seeds' loading step, reused: the same appender and chunk paths fill the staging table with text.
    private SeedLoadStep Step(ExportFile file) => new(
        CsvPath: file.Name,
        Checksum: "",
        Table: new CsvTable(ExportArchive.Columns, file.Rows) { RowLines = file.Rows.Select(r => int.Parse(r[2]!, CultureInfo.InvariantCulture)).ToList() },
        Columns: [],
        Stage: _sql.Stage,
        Insert: "",
        FindBadValue: "",
        CountRows: "",
        Chunk: _sql.StageChunk(templates));
}

/// <summary>One hour ingested: <c>loaded</c> (with its files and events) or <c>no_data</c> (the Export API's 404).</summary>
public sealed record HourResult(DateTime Hour, string Status, int Files, long Events, long ArchiveBytes, int Requests);

/// <summary>An hour that cannot be ingested (a refused range, bad credentials, a malformed archive); the message is for the user.</summary>
public sealed class IngestException(string message, Exception? inner = null) : Exception(message, inner);
