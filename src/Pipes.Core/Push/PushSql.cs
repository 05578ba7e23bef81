using System.Text;
using Pipes.Core.Compile.Dialects;

namespace Pipes.Core.Push;

/// <summary>
/// Every SQL statement the pusher runs, in one place (to move to <c>templates/push/</c> later). Portable across
/// dialects: CREATE OR REPLACE, window functions, LIMIT, <c>||</c>; literals always go through the dialect.
/// </summary>
public sealed class PushSql(Dialect dialect, string? schema, string destination)
{
    /// <summary>Rows per INSERT statement.</summary>
    public const int RowsPerInsert = 1000;

    public string PushRelation => Relation("pipes_push_" + destination);
    public string State => Relation("pipes_push_state");
    public string Log => Relation("pipes_push_log");
    public string Pending => Relation("pipes_push_pending_" + destination);

    private string Text => dialect.TypeName("string");
    private string Timestamp => dialect.TypeName("datetime");
    /// <summary><c>at</c> is a keyword in DuckDB, so the column is always quoted.</summary>
    private string At => dialect.Quote("at");

    public string CreateState() =>
        $"CREATE TABLE IF NOT EXISTS {State} (destination {Text} NOT NULL, amplitude_id {Text} NOT NULL, content_hash {Text} NOT NULL, " +
        $"properties {Text}, last_pushed_at {Timestamp} NOT NULL, last_outcome {Text} NOT NULL)";

    public string CreateLog() =>
        $"CREATE TABLE IF NOT EXISTS {Log} (run_id {Text} NOT NULL, destination {Text} NOT NULL, amplitude_id {Text}, " +
        $"insert_id {Text}, outcome {Text} NOT NULL, reason {Text}, {At} {Timestamp} NOT NULL)";

    /// <summary>
    /// Snapshots what this run must look at: ids Amplitude refuses nulled (so the row is skipped), one identity key
    /// per row (<c>user:</c> or <c>device:</c>), its rank among profiles sharing the key, and what was last pushed.
    /// Without <paramref name="fullResync"/> only rows whose hash differs from the state (plus skips) are kept.
    /// </summary>
    public string CreatePending(bool fullResync, int minIdLength)
    {
        var filter = fullResync ? "" : "\nWHERE k.amplitude_id IS NULL OR k.rank > 1 OR s.content_hash IS NULL OR s.content_hash <> k.content_hash";
        return $"""
            CREATE OR REPLACE TABLE {Pending} AS
            WITH cleaned AS (
              SELECT {dialect.ToText("profile_id")} AS profile_id,
                CASE WHEN {ValidId("user_id", minIdLength)} THEN {dialect.ToText("user_id")} END AS user_id,
                CASE WHEN {ValidId("device_id", minIdLength)} THEN {dialect.ToText("device_id")} END AS device_id,
                COALESCE({dialect.ToText("user_id")}, {dialect.ToText("device_id")}) AS raw_id,
                {dialect.ToText("properties")} AS properties,
                {dialect.ToText("content_hash")} AS content_hash
              FROM {PushRelation}
            ), keyed AS (
              SELECT c.*, CASE WHEN user_id IS NOT NULL THEN 'user:' || user_id WHEN device_id IS NOT NULL THEN 'device:' || device_id END AS amplitude_id
              FROM cleaned c
            ), ranked AS (
              SELECT k.*, row_number() OVER (PARTITION BY amplitude_id ORDER BY profile_id, raw_id) AS rank
              FROM keyed k
            )
            SELECT COALESCE(k.amplitude_id, '~') || '|' || k.profile_id || '|' || COALESCE(k.raw_id, '') AS seq_key,
              k.profile_id, k.user_id, k.device_id, k.amplitude_id, k.raw_id, k.rank, k.properties, k.content_hash,
              s.content_hash AS pushed_hash, s.properties AS pushed_properties
            FROM ranked k
            LEFT JOIN {State} s ON s.destination = {Literal(destination)} AND s.amplitude_id = k.amplitude_id{filter}
            ORDER BY seq_key
            """;
    }

    public string CountPending() => $"SELECT count(*) FROM {Pending}";

    /// <summary>Keyset paging: the rows after <paramref name="after"/>, in key order.</summary>
    public string ReadPage(string? after, int limit) =>
        "SELECT seq_key, profile_id, user_id, device_id, amplitude_id, raw_id, rank, properties, content_hash, pushed_hash, pushed_properties " +
        $"FROM {Pending}{(after is null ? "" : $" WHERE seq_key > {Literal(after)}")} ORDER BY seq_key LIMIT {limit}";

    public string DropPending() => $"DROP TABLE IF EXISTS {Pending}";

    public IEnumerable<string> InsertLog(IReadOnlyList<DeliveryRecord> records, string runId, DateTime at) =>
        Inserts(Log, $"run_id, destination, amplitude_id, insert_id, outcome, reason, {At}", records, r =>
            $"({Literal(runId)}, {Literal(destination)}, {Literal(r.AmplitudeId)}, {Literal(r.InsertId)}, " +
            $"{Literal(OutcomeName(r.Outcome))}, {Literal(r.Reason)}, {dialect.TimestampLiteral(at)})");

    /// <summary>Delete-then-insert rather than MERGE, so every dialect runs the same statements.</summary>
    public IEnumerable<string> UpsertState(IReadOnlyList<DeliveryRecord> records, DateTime at)
    {
        foreach (var chunk in records.Chunk(RowsPerInsert))
        {
            yield return $"DELETE FROM {State} WHERE destination = {Literal(destination)} AND amplitude_id IN ({string.Join(", ", chunk.Select(r => Literal(r.AmplitudeId)))})";
        }
        foreach (var statement in Inserts(State, "destination, amplitude_id, content_hash, properties, last_pushed_at, last_outcome", records, r =>
            $"({Literal(destination)}, {Literal(r.AmplitudeId)}, {Literal(r.Event!.ContentHash)}, {Literal(r.Event.Properties)}, " +
            $"{dialect.TimestampLiteral(at)}, {Literal(OutcomeName(r.Outcome))})"))
        {
            yield return statement;
        }
    }

    public static string OutcomeName(PushOutcome outcome) => outcome switch
    {
        PushOutcome.Accepted => "accepted",
        PushOutcome.Refused => "refused",
        PushOutcome.GaveUp => "gave_up",
        _ => "skipped",
    };

    private static IEnumerable<string> Inserts(string table, string columns, IReadOnlyList<DeliveryRecord> records, Func<DeliveryRecord, string> row)
    {
        foreach (var chunk in records.Chunk(RowsPerInsert))
        {
            var sql = new StringBuilder($"INSERT INTO {table} ({columns}) VALUES\n");
            sql.AppendJoin(",\n", chunk.Select(row));
            yield return sql.ToString();
        }
    }

    private string ValidId(string column, int minIdLength) =>
        $"{column} IS NOT NULL AND length({dialect.ToText(column)}) >= {minIdLength} AND lower({dialect.ToText(column)}) NOT IN " +
        $"({string.Join(", ", AmplitudeIds.Placeholders.Select(Literal))})";

    private string Literal(string? value) => value is null ? "NULL" : dialect.StringLiteral(value);

    private string Relation(string name) => dialect.Relation(null, schema, name);
}
