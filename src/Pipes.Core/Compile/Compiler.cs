using System.Collections.Concurrent;
using Pipes.Core.Diagnostics;
using Pipes.Core.Load;
using Pipes.Core.Plan;
using Pipes.Core.Templating;
using Scriban.Runtime;
using Pipes.Core.Models;
using Pipes.Core.Seeds;

namespace Pipes.Core.Compile;

/// <summary>Renders each node's SQL from its template through the project's dialect. Pure: no connection, no clock.</summary>
public sealed partial class Compiler : IColumnExpander
{
    private readonly Project _project;
    private readonly TemplateCatalog _catalog;
    private readonly CompileOptions _options;
    private readonly RelationNames _relations;
    private readonly Dictionary<string, ModelSpec> _models;
    private readonly Dictionary<string, SeedSpec> _seeds;
    private readonly ThreadLocal<TemplateRenderer> _renderers;
    // Built-in templates rendered once per distinct key with markers for the per-node strings (TemplateFill); null
    // when the template is the project's own or the fill failed, and it is then rendered per node.
    private readonly ConcurrentDictionary<string, Lazy<TemplateFill?>> _fills = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _checksums = new(StringComparer.Ordinal);

    public Compiler(Project project, TemplateCatalog catalog, CompileOptions options)
    {
        _project = project;
        _catalog = catalog;
        _options = options;
        _relations = new RelationNames(project);
        _models = project.Models.ToDictionary(m => m.Name, StringComparer.Ordinal);
        _seeds = project.Seeds.ToDictionary(s => s.Name, StringComparer.Ordinal);
        _renderers = new ThreadLocal<TemplateRenderer>(() => new TemplateRenderer(catalog));
    }

    /// <summary>Compiles nodes in parallel; results and diagnostics come back in the nodes' order.</summary>
    public IReadOnlyList<CompiledNode> CompileAll(IReadOnlyList<Node> nodes, DiagnosticBag bag)
    {
        var results = new CompiledNode?[nodes.Count];
        var bags = new DiagnosticBag[nodes.Count];
        Parallel.For(0, nodes.Count, i =>
        {
            TemplateCatalog.BeginRecording();
            var compiled = Compile(nodes[i], bags[i] = new DiagnosticBag());
            var used = TemplateCatalog.EndRecording();
            results[i] = compiled is null ? null : compiled with { TemplateChecksums = Checksums(used) };
        });
        foreach (var local in bags) bag.AddRange(local.Items);
        return results.OfType<CompiledNode>().ToList();
    }

    /// <summary>The checksums of a set of templates, hashed once per distinct set: most nodes use the same two or three.</summary>
    private IReadOnlyDictionary<string, string> Checksums(IReadOnlySet<string> used) =>
        _checksums.GetOrAdd(string.Join('\n', used.Order(StringComparer.Ordinal)), _ => _catalog.Checksums(used));

    public CompiledNode? Compile(Node node, DiagnosticBag bag) => node.Kind switch
    {
        NodeKind.Model => CompileModel(_models[node.Name], node, bag),
        NodeKind.Seed => CompileSeed(_seeds[node.Name], node, bag),
        NodeKind.Identity => CompileIdentity(node, bag),
        NodeKind.Property => CompileProperty(node, bag),
        NodeKind.Push => CompilePush(node, bag),
        NodeKind.Test => CompileTest(node, bag),
        _ => null,
    };

    private CompiledNode? CompileModel(ModelSpec model, Node node, DiagnosticBag bag)
    {
        var relation = _relations.Model(model.Name);
        var sql = Defer(model, model.Sql);
        var incrementalSql = model.IncrementalSql is { } inc ? Defer(model, inc) : null;
        var kind = model.Materialized.ToString().ToLowerInvariant();
        var path = $"models/{kind}.sql.scriban";
        _catalog.Get(path, _project.Dialect); // records the template for the node's checksums, filled or rendered
        ScriptObject ModelGlobals(string relation, string sql, string? incrementalSql)
        {
            var globals = Globals(relation);
            globals.SetValue("sql", sql, true);
            globals.SetValue("incremental_sql", incrementalSql, true);
            globals.SetValue("unique_key", new ScriptArray(model.UniqueKey), true);
            globals.SetValue("full_refresh", _options.FullRefresh, true);
            return globals;
        }
        // The fill is shared by models of one kind with the same unique key and the same presence of an incremental SELECT.
        var key = $"{path}\n{incrementalSql is null}\n{string.Concat(model.UniqueKey.Select(k => $"{k.Length}:{k}"))}";
        var fill = Fill(key, path, () => ModelGlobals(TemplateFill.MarkerFor("relation"), TemplateFill.MarkerFor("sql"),
            incrementalSql is null ? null : TemplateFill.MarkerFor("incremental_sql")), "relation", "sql", "incremental_sql");
        var compiled = fill is null
            ? Finish(node, relation, kind, path, ModelGlobals(relation, sql, incrementalSql), bag)
            : new CompiledNode(node, relation, kind, SqlStatements.Split(fill.Fill(m => m == "relation" ? relation : m == "sql" ? sql : incrementalSql!)));
        return compiled is null ? null : compiled with
        {
            Guard = KindGuardFor(model, relation, bag),
            ModelText = model.IncrementalSql is { } incremental ? [model.Sql, incremental] : [model.Sql],
        };
    }

    /// <summary>
    /// The fill of a built-in template under <paramref name="key"/> (rendered on first use with the globals given), or
    /// null when the project has its own template at that path or the render did not keep the markers.
    /// </summary>
    private TemplateFill? Fill(string key, string path, Func<ScriptObject> markedGlobals, params string[] markers) =>
        _fills.GetOrAdd(key, _ => new Lazy<TemplateFill?>(() =>
        {
            if (_catalog.IsOverridden(_catalog.Dispatch(path, _project.Dialect.Name))) return null;
            var text = new TemplateRenderer(_catalog).Render(_catalog.Get(path, _project.Dialect), markedGlobals(), new DiagnosticBag());
            return TemplateFill.From(text, markers);
        })).Value;

    /// <summary>
    /// The model's SELECT with each ref to a deferred model or seed reading the state's relation. Refs were rendered at
    /// load as quoted relation names, so the exact quoted text is replaced.
    /// </summary>
    private string Defer(ModelSpec model, string sql)
    {
        foreach (var name in model.Refs)
        {
            if (_options.Deferred.TryGetValue(name, out var relation)) sql = sql.Replace(_relations.Model(name), relation, StringComparison.Ordinal);
        }
        return sql;
    }

    private const string GuardTemplate = "models/drop_other_kind.sql.scriban";

    /// <summary>
    /// The probe and drop that clear the relation when it exists as the kind this model no longer builds. Models of one
    /// kind differ only in the relation and its name: a fill per kind (a Scriban render per model was half of compile).
    /// </summary>
    private KindGuard? KindGuardFor(ModelSpec model, string relation, DiagnosticBag bag)
    {
        var dialect = _project.Dialect;
        var view = model.Materialized == Materialization.View;
        var name = dialect.StringLiteral(dialect.NormalizeIdentifier(model.Name));
        var template = _catalog.Get(GuardTemplate, dialect); // also records the template for the node's checksums
        var fill = Fill($"{GuardTemplate}\n{view}", GuardTemplate,
            () => KindGuardGlobals(view, TemplateFill.MarkerFor("relation"), TemplateFill.MarkerFor("name")), "relation", "name");
        var text = fill is not null
            ? fill.Fill(m => m == "relation" ? relation : name)
            : _renderers.Value!.Render(template, KindGuardGlobals(view, relation, name), bag);
        if (text is null) return null;
        var statements = SqlStatements.Split(text);
        return new KindGuard(statements[0], statements[1]);
    }

    private ScriptObject KindGuardGlobals(bool view, string relation, string name)
    {
        var dialect = _project.Dialect;
        var (database, schema) = (_project.Output.Database, _project.Output.Schema);
        var globals = Globals(relation);
        globals.SetValue("tables", dialect.TablesCatalog(database), true);
        globals.SetValue("database", database is null ? "CURRENT_DATABASE()" : dialect.StringLiteral(dialect.NormalizeIdentifier(database)), true);
        globals.SetValue("schema", schema is null ? "CURRENT_SCHEMA()" : dialect.StringLiteral(dialect.NormalizeIdentifier(schema)), true);
        globals.SetValue("name", name, true);
        globals.SetValue("other_type", view ? "BASE TABLE" : "VIEW", true);
        globals.SetValue("other_kind", view ? "TABLE" : "VIEW", true);
        return globals;
    }

    /// <summary>A template rendered at run time with these globals, through this project's catalog.</summary>
    private RunTimeTemplate RunTime(string templatePath, ScriptObject globals) => new(_catalog, _project.Dialect, templatePath, globals);

    private ScriptObject Globals(string relation)
    {
        var globals = new ScriptObject();
        globals.SetValue("relation", relation, true);
        globals.SetValue("dialect", DialectScriptObject.For(_project.Dialect), true);
        globals.SetValue("statement_end", SqlStatements.End, true);
        return globals;
    }

    /// <summary>
    /// Renders one of the node's templates. An error inside a shared template (a limit reached, a bad override) points
    /// at the template, so it also names the node being compiled.
    /// </summary>
    private string? Render(Node node, string templatePath, ScriptObject globals, DiagnosticBag bag)
    {
        var local = new DiagnosticBag();
        var text = _renderers.Value!.Render(_catalog.Get(templatePath, _project.Dialect), globals, local);
        foreach (var d in local.Items)
            bag.Add(d.Span.File == node.Path ? d : d with { Hint = (d.Hint is null ? "" : d.Hint + "; ") + $"while compiling {node.Id} ({node.Path})" });
        return text;
    }

    private CompiledNode? Finish(Node node, string relation, string materialization, string templatePath, ScriptObject globals, DiagnosticBag bag)
    {
        var text = Render(node, templatePath, globals, bag);
        if (text is null) return null;
        return new CompiledNode(node, relation, materialization, SqlStatements.Split(text));
    }
}
