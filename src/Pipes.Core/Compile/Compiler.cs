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
    private readonly Lazy<string[]?> _viewGuard;
    private readonly Lazy<string[]?> _tableGuard;
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
        _viewGuard = new Lazy<string[]?>(() => KindGuardShape(view: true));
        _tableGuard = new Lazy<string[]?>(() => KindGuardShape(view: false));
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
        var globals = Globals(relation);
        globals.SetValue("sql", Defer(model, model.Sql), true);
        globals.SetValue("incremental_sql", model.IncrementalSql is { } inc ? Defer(model, inc) : null, true);
        globals.SetValue("unique_key", new ScriptArray(model.UniqueKey), true);
        globals.SetValue("full_refresh", _options.FullRefresh, true);
        var kind = model.Materialized.ToString().ToLowerInvariant();
        var compiled = Finish(node, relation, kind, $"models/{kind}.sql.scriban", globals, bag);
        return compiled is null ? null : compiled with
        {
            Guard = KindGuardFor(model, relation, bag),
            ModelText = model.IncrementalSql is { } incremental ? [model.Sql, incremental] : [model.Sql],
        };
    }

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

    /// <summary>The probe and drop that clear the relation when it exists as the kind this model no longer builds.</summary>
    private KindGuard? KindGuardFor(ModelSpec model, string relation, DiagnosticBag bag)
    {
        var dialect = _project.Dialect;
        var view = model.Materialized == Materialization.View;
        var name = dialect.StringLiteral(dialect.NormalizeIdentifier(model.Name));
        var template = _catalog.Get(GuardTemplate, dialect); // also records the template for the node's checksums
        var text = (view ? _viewGuard : _tableGuard).Value is { } shape
            ? FillGuard(shape, relation, name)
            : _renderers.Value!.Render(template, KindGuardGlobals(view, relation, name), bag);
        if (text is null) return null;
        var statements = SqlStatements.Split(text);
        return new KindGuard(statements[0], statements[1]);
    }

    // The guard differs between models of one kind only in the relation and its name, which the built-in template writes
    // as they are: it is rendered once per kind with these markers in their place (a Scriban render per model was half
    // of compile). A project's own template may do anything with them, so it is rendered per model.
    private const char Marker = '\u0001';
    private const string RelationMarker = "relation";
    private const string NameMarker = "name";

    /// <summary>The built-in guard of one kind split at its markers (odd items name a marker), or null when it is rendered per model.</summary>
    private string[]? KindGuardShape(bool view)
    {
        if (_catalog.IsOverridden(_catalog.Dispatch(GuardTemplate, _project.Dialect.Name))) return null;
        var globals = KindGuardGlobals(view, $"{Marker}{RelationMarker}{Marker}", $"{Marker}{NameMarker}{Marker}");
        var text = new TemplateRenderer(_catalog).Render(_catalog.Get(GuardTemplate, _project.Dialect), globals, new DiagnosticBag());
        var shape = text?.Split(Marker);
        // A marker character in the project's database or schema name would cut the shape wrongly: render per model then.
        return shape is not null && shape.Length % 2 == 1 && shape.Where((_, i) => i % 2 == 1).All(m => m is RelationMarker or NameMarker) ? shape : null;
    }

    private static string FillGuard(string[] shape, string relation, string name)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < shape.Length; i++)
            text.Append(i % 2 == 0 ? shape[i] : shape[i] == RelationMarker ? relation : name);
        return text.ToString();
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
