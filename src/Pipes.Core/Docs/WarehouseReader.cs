using Pipes.Core.Compile;
using Pipes.Core.Load;
using Pipes.Core.Targets;
using Pipes.Core.Templating;

namespace Pipes.Core.Docs;

/// <summary>
/// Reads the target for the docs site: the catalog once (which relations exist, with their columns), then the
/// <c>templates/docs/*.sql.scriban</c> queries. A query whose tables are missing is not run; its section says so.
/// </summary>
public sealed class WarehouseReader(Project project, ITarget? target)
{
    // The project's templates, overrides included (their errors were reported when the site's project compiled).
    private readonly StatementTemplates _templates = new(new TemplateCatalog(project.RootDirectory, new()), project.Dialect);
    private readonly StatementContext _context = StatementContext.Adhoc(project.Name);
    private readonly RelationNames _relations = new(project);

    /// <summary>Columns of every relation in the output's schema, by lower-case name: (column, type) in order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<(string Column, string Type)>> Catalog { get; private set; } =
        new Dictionary<string, IReadOnlyList<(string, string)>>();

    /// <summary>A reader of a target that does not exist yet (never built): no relation is found, nothing is queried.</summary>
    public static WarehouseReader Empty(Project project) => new(project, null);

    public string Relation(string name) => _relations.Model(name);

    public bool Has(params string[] tables) => tables.All(t => Catalog.ContainsKey(t.ToLowerInvariant()));

    public async Task ReadCatalogAsync(CancellationToken cancellationToken)
    {
        var rows = await QueryAsync("docs/catalog.sql.scriban", new() { ["schema"] = project.Output.Schema }, 0, cancellationToken);
        Catalog = rows.GroupBy(r => Cells.Text(r[0]).ToLowerInvariant())
            .ToDictionary(g => g.Key, g => (IReadOnlyList<(string, string)>)g.Select(r => (Cells.Text(r[1]), Cells.Text(r[2]))).ToList(), StringComparer.Ordinal);
    }

    /// <summary>Renders a template (its model gets <c>t</c>, the identity tables, and <c>cap</c>) and runs one of its statements.</summary>
    public async Task<IReadOnlyList<object?[]>> QueryAsync(string template, Dictionary<string, object?> model, int statement, CancellationToken cancellationToken)
    {
        model.TryAdd("t", IdentitySqlModel.Tables.ToDictionary(t => t.Key, t => _relations.Model(t.Value)));
        var sql = _templates.Render(template, model)[statement];
        if (target is null) throw new InvalidOperationException("no target to read: check Has() first");
        try
        {
            return (await target.ExecuteAsync(sql, _context, cancellationToken)).Rows;
        }
        catch (TargetException e)
        {
            throw new TargetException($"{template} (statement {statement + 1}): {e.Message}", e.Code, e.SqlState, e.SqlLine, e.QueryId, e);
        }
    }
}
