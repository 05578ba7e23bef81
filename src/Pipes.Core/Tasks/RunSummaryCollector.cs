using System.Globalization;
using Pipes.Core.Compile;
using Pipes.Core.Load;
using Pipes.Core.Run;
using Pipes.Core.Targets;
using Pipes.Core.Templating;
using Pipes.Core.Properties;

namespace Pipes.Core.Tasks;

/// <summary>Reads the run summary from the identity, property and push results: SQL in the target, no graph in memory.</summary>
public static class RunSummaryCollector
{
    public static async Task<RunSummary?> CollectAsync(Project project, ITarget target, TemplateCatalog catalog, IReadOnlyList<RunResult> results, CancellationToken cancellationToken)
    {
        var identityRan = results.Any(r => r.Kind == "identity" && r.Status == RunStatus.Success);
        if (!identityRan) return null;
        var relations = new RelationNames(project);
        var templates = new StatementTemplates(catalog, project.Dialect);
        var tables = IdentitySqlModel.Tables.ToDictionary(t => t.Key, t => relations.Model(t.Value));
        var queries = templates.Render("summary/identity.sql.scriban", new Dictionary<string, object?> { ["t"] = tables });
        var context = StatementContext.Adhoc(project.Name);
        async Task<IReadOnlyList<Row>> Rows(string sql)
        {
            var result = await target.ExecuteAsync(sql, context, cancellationToken);
            return result.Rows.Select(r => new Row(sql, result.Columns, r)).ToList();
        }
        async Task<long> Count(string sql) => await Rows(sql) is [var row] ? row.Long("n")
            : throw new InvalidOperationException($"the run summary query returned no single row:\n{sql}");

        var summary = new RunSummary
        {
            Observations = await Count(queries[0]),
            Invalid = (await Rows(queries[1])).Select(r => (r.Text("id_type"), r.Text("reason"), r.Long("observations"))).ToList(),
            Identifiers = await Count(queries[2]),
            Edges = await Count(queries[3]),
            SharedIdentifiers = await Count(queries[4]),
            Profiles = await Count(queries[5]),
            LargestProfiles = (await Rows(queries[6])).Select(r => (r.Text("profile_id"), r.Text("canonical_type"), r.Text("canonical_value"), r.Long("identifiers"))).ToList(),
            RefusedEdges = await Count(queries[7]),
            Rounds = await Count(queries[8]),
            Pushes = results.Where(r => r.Counts is not null).Select(r => (r.Name, r.Counts!)).ToList(),
        };
        summary = summary with { Outputs = await OutputsAsync(relations, templates, Rows, results) };
        if (!results.Any(r => r.Kind == "property" && r.Status == RunStatus.Success)) return summary;
        var properties = templates.Render("summary/properties.sql.scriban", new Dictionary<string, object?>
        {
            ["rejects"] = relations.Model(PublishedTables.PropertyRejects),
            ["unmatched"] = relations.Model(PublishedTables.PropertyUnmatched),
        });
        return summary with
        {
            Rejects = (await Rows(properties[0])).Select(r => (r.Text("model"), r.Text("column_name"), r.Text("reason"), r.Long("values_rejected"))).ToList(),
            Unmatched = (await Rows(properties[1])).Select(r => (r.Text("model"), r.Long("unmatched_rows"))).ToList(),
        };
    }

    /// <summary>The counts of the outputs published by nodes that succeeded in this run (older rows belong to other runs).</summary>
    private static async Task<IReadOnlyList<OutputChanges>> OutputsAsync(RelationNames relations, StatementTemplates templates,
        Func<string, Task<IReadOnlyList<Row>>> rows, IReadOnlyList<RunResult> results)
    {
        var built = results.Where(r => r.Status == RunStatus.Success).Select(r => r.NodeId).ToHashSet(StringComparer.Ordinal);
        var query = templates.Render("summary/outputs.sql.scriban", new Dictionary<string, object?> { ["counts"] = relations.Model(PublishedOutput.CountsTable) }).Single();
        return (await rows(query)).Where(r => built.Contains(r.Text("node_id")))
            .Select(r => new OutputChanges(r.Text("output_name"), r.Long("inserted"), r.Long("updated"), r.Long("deleted"))).ToList();
    }

    /// <summary>
    /// One result row read by column name (case-insensitive: Snowflake upper-cases unquoted names); a column the query
    /// did not return is an error naming the query, never a silent zero.
    /// </summary>
    private sealed record Row(string Sql, IReadOnlyList<string> Columns, object?[] Cells)
    {
        private object? Cell(string column)
        {
            for (var i = 0; i < Columns.Count && i < Cells.Length; i++)
                if (string.Equals(Columns[i], column, StringComparison.OrdinalIgnoreCase)) return Cells[i];
            throw new InvalidOperationException($"the run summary query returned no column '{column}' (it returned {string.Join(", ", Columns)}):\n{Sql}");
        }

        // Converted, so engines that type counts or text differently read the same.
        public long Long(string column) => Cell(column) switch
        {
            System.Numerics.BigInteger big => (long)big, // DuckDB's HUGEINT sums
            var value => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        };

        public string Text(string column) => Convert.ToString(Cell(column), CultureInfo.InvariantCulture) ?? "";
    }
}
