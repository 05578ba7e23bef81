using System.Globalization;
using Pipes.Core.Compile;
using Pipes.Core.Load;
using Pipes.Core.Run;
using Pipes.Core.Templating;

namespace Pipes.Core.Tasks;

/// <summary>Reads the run summary from the identity, property and push results: SQL in the target, no graph in memory.</summary>
public static class RunSummaryCollector
{
    public static async Task<RunSummary?> CollectAsync(Project project, ITarget target, IReadOnlyList<RunResult> results, CancellationToken cancellationToken)
    {
        var identityRan = results.Any(r => r.Kind == "identity" && r.Status == RunStatus.Success);
        if (!identityRan) return null;
        var relations = new RelationNames(project);
        var templates = new StatementTemplates(StatementTemplates.BuiltIn, project.Dialect);
        var tables = IdentitySqlModel.Tables.ToDictionary(t => t.Key, t => relations.Model(t.Value));
        var queries = templates.Render("summary/identity.sql.scriban", new Dictionary<string, object?> { ["t"] = tables });
        var context = StatementContext.Adhoc(project.Name);
        async Task<IReadOnlyList<object?[]>> Rows(string sql) => (await target.ExecuteAsync(sql, context, cancellationToken)).Rows;
        async Task<long> Count(string sql) => Long((await Rows(sql))[0], 0);

        var summary = new RunSummary
        {
            Observations = await Count(queries[0]),
            Invalid = (await Rows(queries[1])).Select(r => (Text(r, 0), Text(r, 1), Long(r, 2))).ToList(),
            Identifiers = await Count(queries[2]),
            Edges = await Count(queries[3]),
            SharedIdentifiers = await Count(queries[4]),
            Profiles = await Count(queries[5]),
            LargestProfiles = (await Rows(queries[6])).Select(r => (Text(r, 0), Text(r, 1), Text(r, 2), Long(r, 3))).ToList(),
            RefusedEdges = await Count(queries[7]),
            Rounds = await Count(queries[8]),
            Pushes = results.Where(r => r.Counts is not null).Select(r => (r.Name, r.Counts!)).ToList(),
        };
        summary = summary with { Outputs = await OutputsAsync(relations, templates, Rows, results) };
        if (!results.Any(r => r.Kind == "property" && r.Status == RunStatus.Success)) return summary;
        var properties = templates.Render("summary/properties.sql.scriban", new Dictionary<string, object?>
        {
            ["rejects"] = relations.Model("pipes_property_rejects"),
            ["unmatched"] = relations.Model("pipes_property_unmatched"),
        });
        return summary with
        {
            Rejects = (await Rows(properties[0])).Select(r => (Text(r, 0), Text(r, 1), Text(r, 2), Long(r, 3))).ToList(),
            Unmatched = (await Rows(properties[1])).Select(r => (Text(r, 0), Long(r, 1))).ToList(),
        };
    }

    /// <summary>The counts of the outputs published by nodes that succeeded in this run (older rows belong to other runs).</summary>
    private static async Task<IReadOnlyList<OutputChanges>> OutputsAsync(RelationNames relations, StatementTemplates templates,
        Func<string, Task<IReadOnlyList<object?[]>>> rows, IReadOnlyList<RunResult> results)
    {
        var built = results.Where(r => r.Status == RunStatus.Success).Select(r => r.NodeId).ToHashSet(StringComparer.Ordinal);
        var query = templates.Render("summary/outputs.sql.scriban", new Dictionary<string, object?> { ["counts"] = relations.Model(PublishedOutput.CountsTable) }).Single();
        return (await rows(query)).Where(r => built.Contains(Text(r, 1)))
            .Select(r => new OutputChanges(Text(r, 0), Long(r, 2), Long(r, 3), Long(r, 4))).ToList();
    }

    // Cells are read by position and converted, so engines that type counts or text differently read the same.
    private static long Long(object?[] row, int i) => i >= row.Length ? 0 : row[i] switch
    {
        System.Numerics.BigInteger big => (long)big, // DuckDB's HUGEINT sums
        var value => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    private static string Text(object?[] row, int i) => i < row.Length ? Convert.ToString(row[i], CultureInfo.InvariantCulture) ?? "" : "";
}
