using Pipes.Core.Compile;
using Pipes.Core.Load;
using Pipes.Core.Targets;
using Pipes.Core.Properties;

namespace Pipes.Core.RulePlan;

/// <summary>
/// <c>pipes plan --apply</c>: makes the live schema hold what the plan computed, without replacing any table a reader
/// follows. Published outputs go through the in-place publish (templates/outputs/publish.sql.scriban: DELETE and
/// MERGE of the rows that differ, so streams and change data capture stay valid); the tables the identity, property
/// and push nodes keep for themselves (state, watermarks, kept rows, rejects, scratch tables) take the shadow's rows;
/// the history gains the shadow's rows under the plan's id. Models, seeds, the push state and log, and the tables
/// Amplitude reads are left alone: the next build and push bring those.
/// </summary>
public sealed class RulePlanPromoter(Project project, ITarget target, StatementTemplates templates, ShadowSchema shadow)
{
    public sealed record Promoted(IReadOnlyList<string> Published, IReadOnlyList<string> Copied, IReadOnlyList<string> Replaced);

    /// <exception cref="TargetException">The engine refused a statement; the transaction was rolled back (DuckDB).</exception>
    public async Task<Promoted> PromoteAsync(string planId, IReadOnlySet<string> liveTables, IReadOnlyList<string> shadowTables,
        IReadOnlyDictionary<string, List<(string Column, string Type)>> shadowColumns, IReadOnlyDictionary<string, List<(string Column, string Type)>> liveColumns,
        CancellationToken cancellationToken)
    {
        var outputs = PlannedOutputs.Of(project).Where(o => shadowColumns.ContainsKey(o.Name)).ToList();
        var statements = new List<string>();
        var published = new List<string>();
        var replaced = new List<string>();
        foreach (var output in outputs)
        {
            var columns = shadowColumns[output.Name];
            if (liveTables.Contains(output.Name) && !SameColumns(columns, liveColumns.GetValueOrDefault(output.Name)))
            {
                // As the runner does before a node whose output changed columns: publishing then creates it afresh.
                statements.Add(templates.RenderSingle("plan/drop_output.sql.scriban", new Dictionary<string, object?> { ["live"] = shadow.LiveRelation(output.Name) }));
                replaced.Add(output.Name);
            }
            var model = PlannedOutputs.Publish(project, output, $"plan.{planId}", shadow.LiveRelation(output.Name), shadow.ShadowRelation(output.Name),
                shadow.LiveRelation(PublishedTables.Changes(output.Name)), shadow.LiveRelation(PublishedOutput.CountsTable), shadow.LiveRelation(PublishedOutput.ColumnTypesTable), columns, dryRun: false);
            statements.AddRange(templates.Render("outputs/publish.sql.scriban", new Dictionary<string, object?> { ["o"] = model.ToScript() }));
            published.Add(output.Name);
        }

        var kept = Untouched(outputs);
        var copied = new List<string>();
        foreach (var table in shadowTables.Where(t => !kept.Contains(t)))
        {
            statements.Add(templates.RenderSingle("plan/copy_table.sql.scriban", new Dictionary<string, object?>
            {
                ["live"] = shadow.LiveRelation(table),
                ["shadow"] = shadow.ShadowRelation(table),
            }));
            copied.Add(table);
        }

        var history = IdentitySqlModel.Tables["history"];
        if (shadowTables.Contains(history, StringComparer.OrdinalIgnoreCase))
            statements.AddRange(templates.Render("plan/history_promote.sql.scriban", new Dictionary<string, object?>
            {
                ["live"] = shadow.LiveRelation(history),
                ["shadow"] = shadow.ShadowRelation(history),
                ["plan_id"] = planId,
            }));
        var script = templates.Render("plan/promote.sql.scriban", new Dictionary<string, object?> { ["statements"] = statements }).Single();
        try
        {
            await target.ExecuteAsync(script, shadow.Context, cancellationToken);
        }
        catch (TargetException)
        {
            // The engine aborted the transaction; end it, so the live schema is as it was and the shadow can be dropped.
            try
            {
                await target.ExecuteAsync("ROLLBACK", shadow.Context, CancellationToken.None);
            }
            catch (TargetException)
            {
                // No transaction left open (the engine ended it): nothing to roll back.
            }
            throw;
        }
        return new Promoted(published, copied, replaced);
    }

    /// <summary>Tables promotion never replaces: published outputs and their scratch, the history, the push state and log, Amplitude's tables, models and seeds.</summary>
    private HashSet<string> Untouched(IReadOnlyList<PlannedOutputs.Output> outputs)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            PublishedOutput.CountsTable, IdentitySqlModel.Tables["history"], PublishedTables.PushState, PublishedTables.PushLog,
        };
        foreach (var o in outputs)
        {
            names.Add(o.Name);
            names.Add(PublishedTables.Changes(o.Name));
        }
        foreach (var d in project.Destinations)
        {
            names.Add(PublishedTables.PushPending(d.Name.Value));
            if (!d.IsWarehouseTable) continue;
            names.Add(PublishedTables.Warehouse(d.Name.Value));
            names.Add(PublishedTables.Changes(PublishedTables.Warehouse(d.Name.Value)));
        }
        foreach (var m in project.Models) names.Add(m.Name);
        foreach (var s in project.Seeds) names.Add(s.Name);
        return names;
    }

    /// <summary>
    /// The same columns with the same types, as the runner's column guard asks. Both sides are typed from the catalog
    /// by the same mapping (<see cref="Dialects.Dialect.PropertyTypeOf"/>), so a column built the same way compares equal.
    /// </summary>
    public static bool SameColumns(List<(string Column, string Type)> planned, List<(string Column, string Type)>? live) =>
        live is not null && planned.Select(c => c.Column.ToUpperInvariant() + " " + c.Type).Order(StringComparer.Ordinal)
            .SequenceEqual(live.Select(c => c.Column.ToUpperInvariant() + " " + c.Type).Order(StringComparer.Ordinal), StringComparer.Ordinal);
}
