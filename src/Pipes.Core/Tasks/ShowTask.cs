using System.Globalization;
using Pipes.Core.Compile;
using Pipes.Core.Diagnostics;
using Pipes.Core.Load;
using Pipes.Core.Targets;
using Pipes.Core.Templating;

namespace Pipes.Core.Tasks;

/// <summary>
/// <c>pipes show &lt;name&gt;</c> and <c>pipes show --inline "select …"</c>: the first rows of a built relation or of a
/// query on the target, as a table, JSON or CSV. The limit is inside the query (one row more than asked, so a cut is
/// said, never silent); a model is read from its built relation, not recomputed (dbt re-runs the query instead).
/// </summary>
public static class ShowTask
{
    public static async Task<int> ExecuteAsync(CommandOptions options, ShowRequest request, TaskOutput output, CancellationToken cancellationToken)
    {
        var (project, bag) = ProjectLoader.Load(options.ProjectDirectory, options.ToLoadOptions());
        Check(request, bag);
        string? relation = null, query = null;
        TemplateCatalog? catalog = null;
        if (project is not null && !bag.HasErrors)
        {
            catalog = new TemplateCatalog(project.RootDirectory, bag);
            if (request.Inline is { } inline) query = InlineQuery.Render(project, inline, bag);
            else relation = Relation(project, request.Name!, bag);
        }
        output.Diagnostics(bag);
        if (project is null || catalog is null || relation is null && query is null || bag.HasErrors) return ExitCodes.Failure;

        await using var target = TargetFactory.Open(project);
        if (request.Inline is null && (await BuiltRelations.MissingAsync(project, catalog, target, [request.Name!], cancellationToken)).Count > 0)
            return Fail(output, NotBuilt(project, options, request.Name!));
        var sql = new StatementTemplates(catalog, project.Dialect)
            .RenderSingle("show/preview.sql.scriban", new Dictionary<string, object?> { ["relation"] = relation, ["query"] = query, ["limit"] = request.Limit + 1 });
        var result = await target.ExecuteAsync(sql, StatementContext.Adhoc(project.Name), cancellationToken);
        var truncated = result.Rows.Count > request.Limit;
        var rows = truncated ? result.Rows.Take(request.Limit).ToList() : result.Rows;
        return Print(request, result.Columns, rows, truncated, output);
    }

    private static int Print(ShowRequest request, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, bool truncated, TaskOutput output)
    {
        var what = request.Name ?? "inline query";
        var first = request.Limit == 1 ? "the first row" : $"the first {request.Limit.ToString(CultureInfo.InvariantCulture)} rows";
        var cut = $"showing {first} of {what}; it has more (raise --limit to see them)";
        switch (request.Format)
        {
            case "json":
                var duplicate = columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
                if (duplicate is not null)
                    return Fail(output, new Diagnostic(Severity.Error, DiagnosticCodes.ShowDuplicateColumn,
                        $"column '{duplicate.Key}' appears {duplicate.Count()} times, and JSON rows are keyed by column", SourceSpan.None, "give each column its own alias, or use --output table or csv"));
                output.Data(ResultTable.Json(what, columns, rows, request.Limit, truncated));
                break;
            case "csv":
                output.Data(ResultTable.Csv(columns, rows));
                // stdout stays a clean CSV file; the cut is said on stderr.
                if (truncated) output.Error(cut, ("event", "show_truncated"), ("limit", request.Limit));
                break;
            default:
                output.Data(ResultTable.Text(columns, rows));
                output.Info(truncated ? cut : $"{rows.Count.ToString(CultureInfo.InvariantCulture)} row{(rows.Count == 1 ? "" : "s")} of {what}",
                    ("event", "show_finished"), ("rows", rows.Count), ("truncated", truncated));
                break;
        }
        return ExitCodes.Success;
    }

    private static void Check(ShowRequest request, DiagnosticBag bag)
    {
        if ((request.Name is null) == (request.Inline is null))
            bag.Error(DiagnosticCodes.ShowInvalidRequest, SourceSpan.None, request.Name is null
                ? "pipes show needs a model, seed or table name, or --inline \"select …\""
                : "pipes show takes a name or --inline, not both");
        if (request.Limit < 1)
            bag.Error(DiagnosticCodes.ShowInvalidRequest, SourceSpan.None, $"--limit must be at least 1, not {request.Limit}");
        if (!ShowRequest.Formats.Contains(request.Format))
            bag.Error(DiagnosticCodes.ShowInvalidRequest, SourceSpan.None, $"--output must be one of {string.Join(", ", ShowRequest.Formats)}, not '{request.Format}'",
                DidYouMean.Hint(request.Format, ShowRequest.Formats));
    }

    /// <summary>
    /// A model or seed of the project, or any other table Pipes builds in the output's schema (pipes_profiles,
    /// pipes_property_crm…): both are read by name there. A name that fits neither pattern is refused before connecting.
    /// </summary>
    private static string? Relation(Project project, string name, DiagnosticBag bag)
    {
        var known = project.Models.Select(m => m.Name).Concat(project.Seeds.Select(s => s.Name)).ToList();
        if (!known.Contains(name, StringComparer.Ordinal) && !IsPipesTable(name))
        {
            bag.Error(DiagnosticCodes.ShowUnknownName, SourceSpan.None, $"'{name}' is no model or seed of project {project.Name}, nor a pipes_ table",
                DidYouMean.Hint(name, known) ?? "pipes ls --resource-type model lists the models; use --inline \"select …\" for any other relation");
            return null;
        }
        return new RelationNames(project).Model(name);
    }

    private static bool IsPipesTable(string name) => name.StartsWith("pipes_", StringComparison.OrdinalIgnoreCase);

    private static Diagnostic NotBuilt(Project project, CommandOptions options, string name)
    {
        var ours = project.Models.Any(m => m.Name == name) || project.Seeds.Any(s => s.Name == name);
        return BuiltRelations.NotBuilt(project, options, $"pipes show {name}", [name], ours ? $"build -s +{name}" : "build");
    }

    private static int Fail(TaskOutput output, Diagnostic error)
    {
        output.Error(error.ToString(), ("event", "error"), ("code", error.Code));
        return ExitCodes.Failure;
    }
}

/// <summary>What <c>pipes show</c> was asked: a model, seed or table by name, or an inline query; how many rows and in which format.</summary>
public sealed record ShowRequest(string? Name, string? Inline, int Limit = ShowRequest.DefaultLimit, string Format = "table")
{
    /// <summary>dbt's default is 5; 10 rows fit a terminal and say more.</summary>
    public const int DefaultLimit = 10;

    public static readonly IReadOnlyList<string> Formats = ["table", "json", "csv"];
}
