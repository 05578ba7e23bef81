using Pipes.Core.Compile;
using Pipes.Core.Load;
using Pipes.Core.Targets;
using Pipes.Core.Yaml;

namespace Pipes.Core.RulePlan;

/// <summary>
/// The schema <c>pipes plan</c> builds in: <c>&lt;schema&gt;__pipes_plan</c> beside the live one, in the same database.
/// Created as a clone of the live schema (Snowflake: zero-copy <c>CREATE SCHEMA ... CLONE</c>; DuckDB: a copy of each
/// base table), dropped when the plan is done. Every statement comes from templates/plan/*.sql.scriban.
/// </summary>
public sealed class ShadowSchema(Project project, ITarget target, StatementTemplates templates)
{
    public const string Suffix = "__pipes_plan";

    /// <summary>The live schema: the profile's, else the engine's default; null when neither says (a Snowflake session default).</summary>
    public static string? LiveSchemaOf(Project project) => project.Output.Schema ?? project.Dialect.DefaultSchema;

    public string Live { get; } = LiveSchemaOf(project) ?? throw new InvalidOperationException("no live schema");
    /// <summary>Named as the engine stores it (upper case on Snowflake), so messages and catalog lookups match.</summary>
    public string Shadow => project.Dialect.NormalizeIdentifier(Live + Suffix);

    /// <summary>The project as it builds in the shadow: the same, with the output's schema replaced.</summary>
    public Project ShadowProject()
    {
        var settings = project.Output.Settings.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        settings["schema"] = new Located<string>(Shadow, Diagnostics.SourceSpan.None);
        return project with { Output = project.Output with { Settings = settings } };
    }

    public string LiveRelation(string name) => project.Dialect.Relation(project.Output.Database, Live, name);
    public string ShadowRelation(string name) => project.Dialect.Relation(project.Output.Database, Shadow, name);
    private string Qualified(string schema) => project.Dialect.Relation(project.Output.Database, schema, "").TrimEnd('.');

    /// <summary>The base tables of the live (or shadow) schema, as the catalog names them.</summary>
    public async Task<IReadOnlyList<string>> TablesAsync(bool shadow, CancellationToken cancellationToken)
    {
        var tables = new List<string>();
        await foreach (var row in target.StreamAsync(templates.RenderSingle("plan/tables.sql.scriban", Catalog("tables", shadow)), Context, cancellationToken))
            tables.Add(Convert.ToString(row[0])!);
        return tables;
    }

    /// <summary>Every column of the live (or shadow) schema's tables: table name to (column, portable type), in order.</summary>
    public async Task<IReadOnlyDictionary<string, List<(string Column, string Type)>>> ColumnsAsync(bool shadow, CancellationToken cancellationToken)
    {
        var columns = new Dictionary<string, List<(string, string)>>(StringComparer.OrdinalIgnoreCase);
        await foreach (var row in target.StreamAsync(templates.RenderSingle("plan/columns.sql.scriban", Catalog("columns", shadow)), Context, cancellationToken))
        {
            var table = Convert.ToString(row[0])!;
            if (!columns.TryGetValue(table, out var list)) columns[table] = list = [];
            int? scale = row[3] is null or DBNull ? null : Convert.ToInt32(row[3], System.Globalization.CultureInfo.InvariantCulture);
            list.Add((Convert.ToString(row[1])!, project.Dialect.PropertyTypeOf(Convert.ToString(row[2])!, scale)));
        }
        return columns;
    }

    /// <summary>The statements that make the shadow: a clone, or a copy of <paramref name="liveTables"/>.</summary>
    public IReadOnlyList<string> CreateStatements(IReadOnlyList<string> liveTables) => templates.Render("plan/shadow_create.sql.scriban", new Dictionary<string, object?>
    {
        ["shadow"] = Qualified(Shadow),
        ["live"] = Qualified(Live),
        ["clone"] = project.Dialect.SupportsSchemaClone,
        ["tables"] = liveTables.ToList(),
    });

    public string DropStatement() => templates.RenderSingle("plan/shadow_drop.sql.scriban", new Dictionary<string, object?> { ["shadow"] = Qualified(Shadow) });

    public async Task CreateAsync(IReadOnlyList<string> liveTables, CancellationToken cancellationToken)
    {
        foreach (var sql in CreateStatements(liveTables)) await target.ExecuteAsync(sql, Context, cancellationToken);
    }

    /// <summary>Drops the shadow; never cancelled, so an interrupted plan leaves nothing behind.</summary>
    public Task DropAsync() => target.ExecuteAsync(DropStatement(), Context, CancellationToken.None);

    public StatementContext Context { get; } = new("plan", $"pipes:{project.Name}:plan");

    private Dictionary<string, object?> Catalog(string kind, bool shadow)
    {
        var dialect = project.Dialect;
        var database = project.Output.Database;
        return new Dictionary<string, object?>
        {
            ["catalog"] = kind == "tables" ? dialect.TablesCatalog(database) : dialect.ColumnsCatalog(database),
            ["database"] = database is null ? "CURRENT_DATABASE()" : dialect.StringLiteral(dialect.NormalizeIdentifier(database)),
            ["schema"] = dialect.StringLiteral(dialect.NormalizeIdentifier(shadow ? Shadow : Live)),
        };
    }
}
