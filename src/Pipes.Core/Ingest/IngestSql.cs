using Pipes.Core.Compile;
using Pipes.Core.Dialects;
using Pipes.Core.Seeds;
using Pipes.Core.Templating;
using Scriban.Runtime;

namespace Pipes.Core.Ingest;

/// <summary>
/// The statements of an Export API ingest, in the target's dialect: the events table, its text staging table, the
/// per-hour record and the watermark (all in the source's schema), and the one transaction that replaces an hour.
/// </summary>
public sealed class IngestSql(Dialect dialect, ExportSettings settings)
{
    public const string HoursTable = "pipes_ingest_hours";
    public const string WatermarkTable = "pipes_ingest_watermark";

    public Dialect Dialect => dialect;
    public string Events => Rel(settings.Table);
    public SeedStage Stage => new(Rel(StageName), settings.Database, settings.Schema, StageName);
    private string StageName => settings.Table + "__pipes_stage";
    private string Hours => Rel(HoursTable);
    private string Watermark => Rel(WatermarkTable);
    private string Source => dialect.StringLiteral(settings.Source);

    private string Rel(string name) => dialect.Relation(settings.Database, settings.Schema, name);
    private string T(string portable) => dialect.TypeName(portable);
    private string Q(string name) => dialect.Quote(name);

    public IEnumerable<string> Setup()
    {
        yield return $"CREATE SCHEMA IF NOT EXISTS {dialect.Relation(settings.Database, null, settings.Schema)}";
        yield return $"""
            CREATE TABLE IF NOT EXISTS {Events} (
              {Q("export_hour")} {T("datetime")}, {Q("export_file")} {T("string")}, {Q("file_line")} {T("integer")},
              {Q("uuid")} {T("string")}, {Q("insert_id")} {T("string")}, {Q("event_type")} {T("string")},
              {Q("user_id")} {T("string")}, {Q("device_id")} {T("string")}, {Q("amplitude_id")} {T("string")},
              {Q("event_time")} {T("datetime")}, {Q("server_upload_time")} {T("datetime")}, {Q("event_json")} {T("string")},
              {Q("ingested_at")} {T("datetime")})
            """;
        yield return $"CREATE TABLE IF NOT EXISTS {Stage.Relation} ({Q(SeedLoadStep.LineColumn)} {T("integer")}, " +
            string.Join(", ", ExportArchive.Columns.Select(c => $"{Q(c)} {T("string")}")) + ")";
        yield return $"CREATE TABLE IF NOT EXISTS {Hours} ({Q("source")} {T("string")}, {Q("export_hour")} {T("datetime")}, {Q("status")} {T("string")}, {Q("files")} {T("integer")}, {Q("events")} {T("integer")}, {Q("ingested_at")} {T("datetime")})";
        yield return $"CREATE TABLE IF NOT EXISTS {Watermark} ({Q("source")} {T("string")}, {Q("last_hour")} {T("datetime")}, {Q("updated_at")} {T("datetime")})";
    }

    public string ClearStage => $"DELETE FROM {Stage.Relation}";
    public string CountStage => $"SELECT COUNT(*) FROM {Stage.Relation}";
    public string ReadWatermark => $"SELECT {Q("last_hour")} FROM {Watermark} WHERE {Q("source")} = {Source}";
    public string CountHour(DateTime hour) => $"SELECT COUNT(*) FROM {Events} WHERE {Q("export_hour")} = {dialect.TimestampLiteral(hour)}";

    /// <summary>
    /// Replaces the hour in one transaction: its old events out, the staged ones in, the hour recorded, and the
    /// watermark moved forward (never back: re-running an old hour leaves it where it is).
    /// </summary>
    public string ReplaceHour(DateTime hour, string status, int files, long events, DateTime now)
    {
        var h = dialect.TimestampLiteral(hour);
        var at = dialect.TimestampLiteral(now);
        string Cast(string column, string type) => dialect.CastText(Q(column), type);
        var body = $"""
            BEGIN TRANSACTION;
            DELETE FROM {Events} WHERE {Q("export_hour")} = {h};
            INSERT INTO {Events} SELECT {h}, {Q("export_file")}, {Cast("file_line", "integer")}, {Q("uuid")}, {Q("insert_id")}, {Q("event_type")}, {Q("user_id")}, {Q("device_id")}, {Q("amplitude_id")}, {Cast("event_time", "datetime")}, {Cast("server_upload_time", "datetime")}, {Q("event_json")}, {at} FROM {Stage.Relation};
            DELETE FROM {Hours} WHERE {Q("source")} = {Source} AND {Q("export_hour")} = {h};
            INSERT INTO {Hours} VALUES ({Source}, {h}, {dialect.StringLiteral(status)}, {files}, {events}, {at});
            DELETE FROM {Watermark} WHERE {Q("source")} = {Source} AND {Q("last_hour")} < {h};
            INSERT INTO {Watermark} SELECT {Source}, {h}, {at} WHERE NOT EXISTS (SELECT 1 FROM {Watermark} WHERE {Q("source")} = {Source});
            COMMIT;
            """;
        // One statement either way: a scripting block where the engine has one, else a multi-statement batch.
        return dialect.SupportsScripting ? dialect.WrapScript("BEGIN\n" + body + "\nEND;") : body;
    }

    /// <summary>
    /// The bounded INSERT of staging rows (the chunk path of engines without an appender): the seeds' template, so one
    /// template writes every staging INSERT.
    /// </summary>
    public RunTimeTemplate StageChunk(TemplateCatalog templates)
    {
        var globals = new ScriptObject();
        globals.SetValue("dialect", DialectScriptObject.For(dialect), true);
        globals.SetValue("stage", Stage.Relation, true);
        globals.SetValue("line_column", SeedLoadStep.LineColumn, true);
        globals.SetValue("columns", new ScriptArray(ExportArchive.Columns.Select(c => new ScriptObject { ["name"] = c })), true);
        return new RunTimeTemplate(templates, dialect, "seeds/stage_rows.sql.scriban", globals);
    }
}
