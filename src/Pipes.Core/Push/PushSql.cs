using Pipes.Core.Compile;
using Pipes.Core.Dialects;
using Pipes.Core.Identity;
using Pipes.Core.Properties;
using Pipes.Core.Templating;

namespace Pipes.Core.Push;

/// <summary>
/// Every SQL statement the pusher runs, rendered from <c>templates/push/*.sql.scriban</c> through the target's
/// dialect; this class only builds each template's model.
/// </summary>
public sealed class PushSql
{
    /// <summary>Outcome ranges per statement: keeps a statement far below Snowflake's 1 MB text limit.</summary>
    public const int RangesPerStatement = 1000;

    private readonly StatementTemplates _templates;
    private readonly string _destination;
    private readonly Dictionary<string, string> _tables;
    private readonly string? _schema;

    public PushSql(Dialect dialect, string? schema, string destination, TemplateCatalog catalog)
    {
        _templates = new StatementTemplates(catalog, dialect);
        _destination = destination;
        _schema = schema;
        string Relation(string name) => dialect.Relation(null, schema, name);
        _tables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["push_relation"] = PushRelation = Relation(PublishedTables.Push(destination)),
            ["state"] = State = Relation(PublishedTables.PushState),
            ["log"] = Log = Relation(PublishedTables.PushLog),
            ["pending"] = Pending = Relation(PublishedTables.PushPending(destination)),
            ["left_out"] = LeftOut = Relation(PublishedTables.PushLeftOut(destination)),
        };
    }

    public string PushRelation { get; }
    public string State { get; }
    public string Log { get; }
    public string Pending { get; }
    public string LeftOut { get; }

    /// <summary>One row, one count: 1 when <see cref="PushRelation"/> exists.</summary>
    public string PushRelationExists() => Single("relation_exists", ("name", PublishedTables.Push(_destination)), ("schema", _schema));

    /// <summary>The state table, then the columns an older state table lacks.</summary>
    public IReadOnlyList<string> CreateState() => Render("create_state", []);

    public string CreateLog() => Single("create_log");

    /// <summary>The pending snapshot (see <c>snapshot.sql.scriban</c>): cleaned ids, identity key, rank, last push, dense seq.</summary>
    public string CreatePending(bool fullResync, int minIdLength) => Single("snapshot",
        ("full_resync", fullResync), ("min_id_length", minIdLength), ("placeholders", IdentityPlaceholders.Values));

    public string CountPending() => Single("count_pending");

    /// <summary>One row per reason with its count of profiles the push relation left out; <see cref="LeftOutExists"/> first.</summary>
    public string CountLeftOut() => Single("count_left_out");

    /// <summary>One row, one count: 1 when <see cref="LeftOut"/> exists (a push relation built before it existed has none).</summary>
    public string LeftOutExists() => Single("relation_exists", ("name", PublishedTables.PushLeftOut(_destination)), ("schema", _schema));

    /// <summary>The rows with seq in (<paramref name="after"/>, <paramref name="after"/> + <paramref name="limit"/>].</summary>
    public string ReadPage(long after, int limit, string runId) => Single("read_page", ("after", after), ("limit", limit), ("run_id", runId));

    public string DropPending() => Single("drop_pending");

    public IEnumerable<string> InsertLog(IReadOnlyList<OutcomeRange> ranges, string runId, DateTime at) =>
        ranges.Chunk(RangesPerStatement).SelectMany(chunk => Render("log_outcomes", Page(chunk, at), ("run_id", runId)));

    /// <summary>Marks the identities of the events about to be sent uncertain (see <c>mark_in_flight.sql.scriban</c>).</summary>
    public IEnumerable<string> MarkInFlight(IReadOnlyList<OutcomeRange> ranges, DateTime at) =>
        ranges.Chunk(RangesPerStatement).SelectMany(chunk => Render("mark_in_flight", Page(chunk, at)));

    /// <summary>One MERGE per chunk of ranges; only ranges that advance the state.</summary>
    public IEnumerable<string> UpsertState(IReadOnlyList<OutcomeRange> ranges, DateTime at) =>
        ranges.Where(r => r.Advances).Chunk(RangesPerStatement).SelectMany(chunk => Render("advance_state", Page(chunk, at)));

    public static string OutcomeName(PushOutcome outcome) => outcome switch
    {
        PushOutcome.Accepted => "accepted",
        PushOutcome.Refused => "refused",
        PushOutcome.GaveUp => "gave_up",
        _ => "skipped",
    };

    private (string, object?)[] Page(OutcomeRange[] ranges, DateTime at) =>
    [
        ("ranges", ranges),
        ("first_seq", ranges.Min(r => r.First)),
        ("last_seq", ranges.Max(r => r.Last)),
        ("at", _templates.Dialect.TimestampLiteral(at)),
    ];

    private string Single(string name, params (string Key, object? Value)[] values) => Render(name, values).Single();

    private IReadOnlyList<string> Render(string name, (string Key, object? Value)[] values, params (string Key, object? Value)[] more)
    {
        var model = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["t"] = _tables,
            ["destination"] = _destination,
        };
        foreach (var (key, value) in values.Concat(more)) model[key] = value;
        return _templates.Render($"push/{name}.sql.scriban", model);
    }
}
