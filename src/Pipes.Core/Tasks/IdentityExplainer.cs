using System.Globalization;
using Pipes.Core.Compile;
using Pipes.Core.Load;
using Pipes.Core.Targets;
using Pipes.Core.Templating;

namespace Pipes.Core.Tasks;

/// <summary>
/// Answers "why is this identifier in this profile?" with SQL in the target: a breadth-first search over the profile's
/// own links, one statement a step, so only the profile (never the whole graph) is read back. Renders through the
/// project's catalog, so an overridden <c>macros/normalize</c> normalises the asked value as identity did.
/// </summary>
public sealed class IdentityExplainer(Project project, ITarget target, TemplateCatalog catalog)
{
    private readonly StatementTemplates _templates = new(catalog, project.Dialect);
    private readonly Dictionary<string, string> _tables = IdentitySqlModel.Tables.ToDictionary(t => t.Key, t => new RelationNames(project).Model(t.Value));
    private readonly StatementContext _context = StatementContext.Adhoc(project.Name);

    public async Task<Explanation> ExplainAsync(string type, string value, (string Type, string Value)? goal, CancellationToken cancellationToken)
    {
        var rule = project.Identity!.Rules.Type(type);
        var lookup = await Query("explain/lookup.sql.scriban", new() { ["type"] = IdentitySqlModel.Type(rule), ["value"] = value }, cancellationToken);
        var row = lookup[0];
        var explanation = new Explanation(type, value, (string?)row[0] ?? "");
        if (row[1] is null)
        {
            var dropped = await Query("explain/dropped.sql.scriban", new() { ["type"] = IdentitySqlModel.Type(rule), ["value"] = value }, cancellationToken);
            return explanation with { Dropped = dropped.Select(r => ((string?)r[0] ?? "valid", Long(r[1]))).ToList() };
        }
        var nodeKey = Long(row[1]);
        var profileId = (string)row[2]!;
        var members = await Query("explain/members.sql.scriban", new() { ["profile_id"] = profileId }, cancellationToken);
        var byKey = members.ToDictionary(m => Long(m[0]), m => ((string)m[1]!, (string)m[2]!));
        var canonical = byKey[Long(row[3])];
        var goalKey = Long(row[3]);
        if (goal is { } g)
        {
            // The goal is normalised like any identifier; a goal outside the profile has no chain.
            var goalRow = (await Query("explain/lookup.sql.scriban", new() { ["type"] = IdentitySqlModel.Type(project.Identity!.Rules.Type(g.Type)), ["value"] = g.Value }, cancellationToken))[0];
            goalKey = goalRow[1] is not null && (string?)goalRow[2] == profileId ? Long(goalRow[1]) : 0;
        }
        var refused = await Query("explain/refused.sql.scriban", new() { ["node_key"] = nodeKey }, cancellationToken, statement: 0);
        var shared = await Query("explain/refused.sql.scriban", new() { ["node_key"] = nodeKey }, cancellationToken, statement: 1);
        return explanation with
        {
            ProfileId = profileId,
            Canonical = $"{canonical.Item1}:{canonical.Item2}",
            Members = members.Select(m => ((string)m[1]!, (string)m[2]!)).ToList(),
            ChainGoal = goalKey == 0 ? null : $"{byKey[goalKey].Item1}:{byKey[goalKey].Item2}",
            Chain = goalKey == 0 ? [] : await ChainAsync(profileId, nodeKey, goalKey, byKey, cancellationToken),
            Refused = refused.Select(r => $"{r[0]}:{r[1]} — {r[2]}:{r[3]} refused: it would give a profile more {r[4]} values than its limit (first seen {Iso(r[5])})").ToList(),
            OverConnected = shared.Select(r => ((string)r[0]!, Long(r[1]))).ToList(),
            History = await HistoryAsync(profileId, cancellationToken),
        };
    }

    /// <summary>Most steps back through the ids that became the profile; a lineage longer than this is cut, and said.</summary>
    public const int LineageSteps = 50;

    /// <summary>
    /// The profile's history: its own events and those of every id that became it (merged, split or re-keyed into it,
    /// then the ids that became those, up to <see cref="LineageSteps"/> steps); null when there is no history table.
    /// </summary>
    private async Task<IReadOnlyList<HistoryEvent>?> HistoryAsync(string profileId, CancellationToken cancellationToken)
    {
        var exists = await Query("explain/history_exists.sql.scriban", new() { ["name"] = IdentitySqlModel.Tables["history"], ["schema"] = project.Output.Schema }, cancellationToken);
        if (Long(exists[0][0]) == 0) return null;
        var lineage = new SortedSet<string>(StringComparer.Ordinal) { profileId };
        var frontier = new List<string> { profileId };
        for (var step = 0; step < LineageSteps && frontier.Count > 0; step++)
        {
            var sources = await Query("explain/history_sources.sql.scriban", new() { ["ids"] = frontier }, cancellationToken);
            frontier = sources.Select(r => (string)r[0]!).Where(lineage.Add).ToList();
        }
        var rows = await Query("explain/history.sql.scriban", new() { ["ids"] = lineage.ToList() }, cancellationToken);
        return rows.Select(r => new HistoryEvent((DateTime)r[0]!, (string)r[1]!, (string)r[2]!, (string?)r[3], (string?)r[4], Long(r[5]), (string?)r[6], (string?)r[7])).ToList();
    }

    private async Task<IReadOnlyList<ExplainedLink>> ChainAsync(string profileId, long start, long goal, Dictionary<long, (string Type, string Value)> members, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, object?>
        {
            ["profile_id"] = profileId,
            ["start_key"] = start,
            ["goal_key"] = goal,
            ["links"] = new RelationNames(project).Model("pipes_explain_links"),
            ["paths"] = new RelationNames(project).Model("pipes_explain_paths"),
        };
        foreach (var sql in Render("explain/search_start.sql.scriban", names)) await target.ExecuteAsync(sql, _context, cancellationToken);
        for (var depth = 1; depth <= members.Count; depth++)
        {
            names["depth"] = depth;
            await target.ExecuteAsync(Render("explain/search_round.sql.scriban", names)[0], _context, cancellationToken);
            var state = (await target.ExecuteAsync(Render("explain/search_state.sql.scriban", names)[0], _context, cancellationToken)).Rows[0];
            if (Long(state[1]) > 0 || Long(state[0]) == 0) break;
        }
        var search = Render("explain/search_path.sql.scriban", names);
        var parents = (await target.ExecuteAsync(search[0], _context, cancellationToken)).Rows.ToDictionary(r => Long(r[0]), r => r[1] is null ? (long?)null : Long(r[1]));
        foreach (var drop in search.Skip(1)) await target.ExecuteAsync(drop, _context, cancellationToken);
        if (!parents.ContainsKey(goal)) return [];

        var keys = new List<long> { goal };
        while (parents[keys[^1]] is { } parent) keys.Add(parent);
        keys.Reverse();
        var links = new List<ExplainedLink>();
        foreach (var (a, b) in keys.Zip(keys.Skip(1)))
        {
            var evidence = await Query("explain/evidence.sql.scriban", new()
            {
                ["left"] = new Dictionary<string, string> { ["type"] = members[a].Type, ["value"] = members[a].Value },
                ["right"] = new Dictionary<string, string> { ["type"] = members[b].Type, ["value"] = members[b].Value },
            }, cancellationToken);
            var e = evidence[0];
            var input = project.Identity!.Inputs[(int)Long(e[0]) - 1];
            links.Add(new ExplainedLink($"{members[a].Type}:{members[a].Value}", $"{members[b].Type}:{members[b].Value}", input.Label, Long(e[1]), (DateTime)e[2]!, Long(e[3])));
        }
        return links;
    }

    private async Task<IReadOnlyList<object?[]>> Query(string template, Dictionary<string, object?> model, CancellationToken cancellationToken, int statement = 0) =>
        (await target.ExecuteAsync(Render(template, model)[statement], _context, cancellationToken)).Rows;

    private IReadOnlyList<string> Render(string template, Dictionary<string, object?> model)
    {
        model["t"] = _tables;
        return _templates.Render(template, model);
    }

    private static long Long(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static string Iso(object? value) => value is DateTime d ? d.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : value?.ToString() ?? "";
}
