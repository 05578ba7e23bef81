using System.Globalization;
using System.Text.Json;
using Pipes.Core.Compile;
using Pipes.Core.Load;
using Pipes.Core.Targets;
using static Pipes.Core.RulePlan.RulePlanReport;
using Pipes.Core.Properties;

namespace Pipes.Core.RulePlan;

/// <summary>
/// Reads what differs between the live outputs and the shadow's (templates/plan/*.sql.scriban): profile events with
/// their causes, identifiers that move, refused edges, shared ids, dropped observations, property rejects, and what
/// publishing each output would write.
/// </summary>
public sealed class RulePlanReader(Project project, ITarget target, StatementTemplates templates, ShadowSchema shadow, int examples)
{
    private static readonly string[] IdentityKeys = ["graph", "profiles", "refused", "shared", "invalid"];

    private Dictionary<string, string> Names(bool planned) => IdentityKeys.ToDictionary(k => k,
        k => planned ? shadow.ShadowRelation(IdentitySqlModel.Tables[k]) : shadow.LiveRelation(IdentitySqlModel.Tables[k]), StringComparer.Ordinal);

    private Dictionary<string, object?> Model(params (string Key, object? Value)[] extra)
    {
        var model = new Dictionary<string, object?> { ["l"] = Names(false), ["s"] = Names(true) };
        foreach (var (k, v) in extra) model[k] = v;
        return model;
    }

    /// <summary>Profile events grouped by kind; every event is also written to <paramref name="file"/> (JSON lines).</summary>
    public async Task<IReadOnlyList<EventGroup>> ProfilesAsync(string file, CancellationToken cancellationToken)
    {
        var pairs = new List<ProfileEvents.Pair>();
        await foreach (var r in Stream("plan/profile_pairs.sql.scriban", Model(), cancellationToken))
            pairs.Add(new ProfileEvents.Pair(Text(r[0]), Text(r[1]), Long(r[2]), Text(r[3]), Text(r[4])));
        var causes = new List<ProfileEvents.Cause>();
        await foreach (var r in Stream("plan/causes.sql.scriban", Model(), cancellationToken))
            causes.Add(new ProfileEvents.Cause(Text(r[0])!, Text(r[1])!, Text(r[2])!, Text(r[3]) ?? "", Long(r[4])));
        var events = ProfileEvents.Classify(pairs, causes);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using (var writer = new StreamWriter(file) { NewLine = "\n" })
            foreach (var e in events) await writer.WriteLineAsync(JsonSerializer.Serialize(e, JsonOptionsLine));
        return ProfileEvents.Group(events, examples);
    }

    /// <summary>Every identifier that moves, joins or leaves, written to <paramref name="file"/> (JSON lines); counts and the first few returned.</summary>
    public async Task<IdentifierChanges> IdentifiersAsync(string file, string relativeFile, CancellationToken cancellationToken)
    {
        long moved = 0, joined = 0, left = 0;
        var first = new List<IdentifierMove>();
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using (var writer = new StreamWriter(file) { NewLine = "\n" })
        {
            await foreach (var r in Stream("plan/moves.sql.scriban", Model(), cancellationToken))
            {
                var move = new IdentifierMove(Text(r[0])!, Text(r[1])!, Text(r[2]), Text(r[3]));
                if (move.OldProfileId is null) joined++;
                else if (move.NewProfileId is null) left++;
                else
                {
                    moved++;
                    if (first.Count < examples) first.Add(move);
                }
                await writer.WriteLineAsync(JsonSerializer.Serialize(move, JsonOptionsLine));
            }
        }
        return new IdentifierChanges { Moved = moved, Joined = joined, Left = left, Examples = first, File = relativeFile };
    }

    public Task<Difference> RefusedAsync(CancellationToken cancellationToken) =>
        DifferenceAsync(IdentitySqlModel.Tables["refused"], ["from_type", "from_value", "to_type", "to_value", "limit_type"], cancellationToken);

    public Task<Difference> SharedAsync(CancellationToken cancellationToken) =>
        DifferenceAsync(IdentitySqlModel.Tables["shared"], ["id_type", "id_value", "linked_type", "link_count"], cancellationToken);

    public async Task<IReadOnlyList<DroppedChange>> DroppedAsync(CancellationToken cancellationToken)
    {
        var changes = new List<DroppedChange>();
        await foreach (var r in Stream("plan/dropped.sql.scriban", Model(), cancellationToken))
            changes.Add(new DroppedChange(Text(r[0])!, Text(r[1])!, Long(r[2]), Long(r[3])));
        return changes;
    }

    /// <summary>
    /// Property rejects that appear or disappear, per model and column: distinct (key, raw value, reason) rows. The
    /// profile id is left out: a value refused before and after is no change, whichever profile it would have reached.
    /// </summary>
    public async Task<IReadOnlyList<RejectChange>> RejectsAsync(IReadOnlySet<string> liveTables, IReadOnlySet<string> shadowTables, CancellationToken cancellationToken)
    {
        const string table = PublishedTables.PropertyRejects;
        if (!shadowTables.Contains(table)) return [];
        string[] columns = ["model", "column_name", "key_value", "raw_value", "reason"];
        var rows = await DifferenceRowsAsync(table, columns, ["model", "column_name"], liveTables.Contains(table), cancellationToken);
        return rows.GroupBy(r => (Model: r.Values["model"] ?? "", Column: r.Values["column_name"] ?? ""))
            .OrderBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => g.Key.Column, StringComparer.Ordinal)
            .Select(g => new RejectChange(g.Key.Model, g.Key.Column,
                g.Where(r => r.Side == "appear").Select(r => r.Count).FirstOrDefault(),
                g.Where(r => r.Side == "disappear").Select(r => r.Count).FirstOrDefault(),
                g.Select(r => (IReadOnlyDictionary<string, string?>)new SortedDictionary<string, string?>(r.Values.Where(v => v.Key is not ("model" or "column_name")).ToDictionary(), StringComparer.Ordinal) { ["change"] = r.Side }).ToList()))
            .ToList();
    }

    /// <summary>What publishing each planned output into its live table would write: the publish template's dry run, its changes table in the shadow.</summary>
    public async Task<IReadOnlyList<OutputChange>> OutputsAsync(IReadOnlyDictionary<string, List<(string Column, string Type)>> liveColumns,
        IReadOnlyDictionary<string, List<(string Column, string Type)>> shadowColumns, CancellationToken cancellationToken)
    {
        var changes = new List<OutputChange>();
        foreach (var output in PlannedOutputs.Of(project))
        {
            if (!shadowColumns.TryGetValue(output.Name, out var columns)) continue;
            if (!liveColumns.TryGetValue(output.Name, out var live) || !RulePlanPromoter.SameColumns(columns, live))
            {
                var rows = await CountAsync(shadow.ShadowRelation(output.Name), cancellationToken);
                var old = live is null ? 0 : await CountAsync(shadow.LiveRelation(output.Name), cancellationToken);
                changes.Add(new OutputChange(output.Name, rows, 0, old, Replaced: live is not null));
                continue;
            }
            var changesTable = shadow.ShadowRelation(PublishedTables.Changes(output.Name));
            var model = PlannedOutputs.Publish(project, output, "plan", shadow.LiveRelation(output.Name), shadow.ShadowRelation(output.Name), changesTable,
                shadow.ShadowRelation(PublishedOutput.CountsTable), shadow.ShadowRelation(PublishedOutput.ColumnTypesTable), columns, dryRun: true);
            // Only the statement that fills the changes table (in the shadow): the others would touch the live table.
            var statement = templates.Render("outputs/publish.sql.scriban", new Dictionary<string, object?> { ["o"] = model.ToScript() })
                .Single(s => s.Contains($"CREATE OR REPLACE {project.Dialect.ScratchTable} {changesTable}", StringComparison.Ordinal));
            await target.ExecuteAsync(statement, shadow.Context, cancellationToken);
            long inserted = 0, updated = 0, deleted = 0;
            await foreach (var r in Stream("plan/change_counts.sql.scriban", new Dictionary<string, object?> { ["changes"] = changesTable }, cancellationToken))
            {
                switch (Text(r[0]))
                {
                    case "insert": inserted = Long(r[1]); break;
                    case "update": updated = Long(r[1]); break;
                    default: deleted = Long(r[1]); break;
                }
            }
            changes.Add(new OutputChange(output.Name, inserted, updated, deleted));
        }
        return changes;
    }

    private async Task<Difference> DifferenceAsync(string table, string[] columns, CancellationToken cancellationToken)
    {
        var rows = await DifferenceRowsAsync(table, columns, [], true, cancellationToken);
        IReadOnlyList<IReadOnlyDictionary<string, string?>> Of(string side) => rows.Where(r => r.Side == side).Select(r => (IReadOnlyDictionary<string, string?>)r.Values).ToList();
        return new Difference
        {
            Appear = rows.Where(r => r.Side == "appear").Select(r => r.Count).FirstOrDefault(),
            Disappear = rows.Where(r => r.Side == "disappear").Select(r => r.Count).FirstOrDefault(),
            AppearExamples = Of("appear"),
            DisappearExamples = Of("disappear"),
        };
    }

    private sealed record DifferenceRow(string Side, long Count, SortedDictionary<string, string?> Values);

    private async Task<List<DifferenceRow>> DifferenceRowsAsync(string table, string[] columns, string[] groups, bool liveExists, CancellationToken cancellationToken)
    {
        var rows = new List<DifferenceRow>();
        var model = new Dictionary<string, object?>
        {
            ["live"] = shadow.LiveRelation(table),
            ["shadow"] = shadow.ShadowRelation(table),
            ["live_exists"] = liveExists,
            ["columns"] = columns.ToList(),
            ["groups"] = groups.ToList(),
            ["examples"] = examples,
        };
        await foreach (var r in Stream("plan/difference.sql.scriban", model, cancellationToken))
        {
            var values = new SortedDictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Length; i++) values[columns[i]] = Text(r[i + 2]);
            rows.Add(new DifferenceRow(Text(r[0])!, Long(r[1]), values));
        }
        return rows;
    }

    private IAsyncEnumerable<object?[]> Stream(string template, Dictionary<string, object?> model, CancellationToken cancellationToken) =>
        target.StreamAsync(templates.RenderSingle(template, model), shadow.Context, cancellationToken);

    private async Task<long> CountAsync(string table, CancellationToken cancellationToken)
    {
        await foreach (var r in Stream("plan/count_rows.sql.scriban", new Dictionary<string, object?> { ["table"] = table }, cancellationToken)) return Long(r[0]);
        return 0;
    }

    private static readonly JsonSerializerOptions JsonOptionsLine = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    internal static string? Text(object? value) => value is null or DBNull ? null : Convert.ToString(value, CultureInfo.InvariantCulture);

    /// <summary>A count; DuckDB returns SUMs of BIGINT as HUGEINT (a BigInteger).</summary>
    internal static long Long(object? value) => value switch
    {
        null or DBNull => 0,
        System.Numerics.BigInteger big => (long)big,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };
}
