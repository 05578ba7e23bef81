using Pipes.Core.Diagnostics;
using Pipes.Core.Load;
using Pipes.Core.Plan;
using Pipes.Core.Templating;
using Scriban.Runtime;

namespace Pipes.Core.Compile;

/// <summary>Renders each node's SQL from its template through the project's dialect. Pure: no connection, no clock.</summary>
public sealed partial class Compiler
{
    /// <summary>Templates write <c>{{ statement_end }}</c> between statements; the compiler splits on it.</summary>
    private const string StatementEnd = "\u001e";

    private readonly Project _project;
    private readonly TemplateCatalog _catalog;
    private readonly CompileOptions _options;
    private readonly RelationNames _relations;
    private readonly Dictionary<string, ModelSpec> _models;
    private readonly Dictionary<string, SeedSpec> _seeds;

    public Compiler(Project project, TemplateCatalog catalog, CompileOptions options)
    {
        _project = project;
        _catalog = catalog;
        _options = options;
        _relations = new RelationNames(project);
        _models = project.Models.ToDictionary(m => m.Name, StringComparer.Ordinal);
        _seeds = project.Seeds.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    public CompiledNode? Compile(Node node, DiagnosticBag bag) => node.Kind switch
    {
        NodeKind.Model => CompileModel(_models[node.Name], node, bag),
        NodeKind.Seed => CompileSeed(_seeds[node.Name], node, bag),
        NodeKind.Identity => CompileIdentity(node, bag),
        _ => null,
    };

    private CompiledNode? CompileModel(ModelSpec model, Node node, DiagnosticBag bag)
    {
        var relation = _relations.Model(model.Name);
        var sql = RenderModel(model, relation, isIncremental: false, bag);
        var incrementalSql = model.Materialized == Materialization.Incremental ? RenderModel(model, relation, isIncremental: true, bag) : null;
        if (sql is null) return null;
        var globals = Globals(relation);
        globals.SetValue("sql", sql, true);
        globals.SetValue("incremental_sql", incrementalSql, true);
        globals.SetValue("unique_key", new ScriptArray(model.UniqueKey), true);
        globals.SetValue("full_refresh", _options.FullRefresh, true);
        var kind = model.Materialized.ToString().ToLowerInvariant();
        return Finish(node, relation, kind, $"models/{kind}.sql.scriban", globals, bag);
    }

    private string? RenderModel(ModelSpec model, string relation, bool isIncremental, DiagnosticBag bag)
    {
        var scope = new ModelScope(new ProjectResolver(_relations), _project.Vars, _project.Environment, bag);
        var context = TemplateEngine.NewContext(scope.Create(_project.Dialect, relation, isIncremental));
        return TemplateEngine.Render(model.Template, context, bag)?.Trim().TrimEnd(';').TrimEnd();
    }

    private ScriptObject Globals(string relation)
    {
        var globals = new ScriptObject();
        globals.SetValue("relation", relation, true);
        globals.SetValue("dialect", DialectScriptObject.Create(_project.Dialect), true);
        globals.SetValue("statement_end", StatementEnd, true);
        return globals;
    }

    private CompiledNode? Finish(Node node, string relation, string materialization, string templatePath, ScriptObject globals, DiagnosticBag bag)
    {
        var text = TemplateEngine.Render(_catalog.Get(templatePath), TemplateEngine.NewContext(globals, _catalog), bag);
        if (text is null) return null;
        var statements = text.Split(StatementEnd)
            .Select(s => s.Trim().TrimEnd(';').TrimEnd())
            .Where(s => s.Length > 0)
            .ToList();
        return new CompiledNode(node, relation, materialization, statements);
    }

    /// <summary>References were checked at load time; here they only need their relation names.</summary>
    private sealed class ProjectResolver(RelationNames relations) : IRelationResolver
    {
        public string Ref(Located<string> name) => relations.Model(name.Value);

        public string Source(Located<string> source, Located<string> table) => relations.Source(source.Value, table.Value);
    }
}
