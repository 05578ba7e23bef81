using Pipes.Core.Dialects;
using Pipes.Core.Diagnostics;
using Pipes.Core.Templating;
using Scriban.Runtime;

namespace Pipes.Core.Compile;

/// <summary>
/// Renders run-time statements (the pusher's) from the template catalog with a dialect, so callers outside Compile
/// pass a typed model and never touch Scriban. Templates separate statements with <c>{{ statement_end }}</c>.
/// </summary>
public sealed class StatementTemplates(TemplateCatalog catalog, Dialect dialect)
{
    private readonly TemplateRenderer _renderer = new(catalog);
    private readonly Lock _gate = new();

    /// <summary>The built-in templates only (no project overrides), parsed once per process.</summary>
    public static TemplateCatalog BuiltIn => LazyBuiltIn.Value;

    private static readonly Lazy<TemplateCatalog> LazyBuiltIn = new(() =>
    {
        var bag = new DiagnosticBag();
        var catalog = new TemplateCatalog(null, bag);
        return bag.HasErrors ? throw new InvalidOperationException(string.Join("\n", bag.Items)) : catalog;
    });

    public Dialect Dialect => dialect;

    /// <summary>
    /// The statements of one template; <paramref name="model"/> values reach the template by key (.NET objects by
    /// their snake_case members). A rendering error is a bug or a broken override, so it throws.
    /// </summary>
    public IReadOnlyList<string> Render(string path, IReadOnlyDictionary<string, object?> model)
    {
        var globals = new ScriptObject();
        globals.SetValue("dialect", DialectScriptObject.For(dialect), true);
        globals.SetValue("statement_end", SqlStatements.End, true);
        foreach (var (key, value) in model) globals.SetValue(key, ToScript(value), true);
        var bag = new DiagnosticBag();
        string? text;
        lock (_gate) text = _renderer.Render(catalog.Get(path, dialect), globals, bag);
        if (text is null) throw new InvalidOperationException($"template {path} failed: {string.Join("; ", bag.Items)}");
        return SqlStatements.Split(text);
    }

    /// <summary>Name maps become script objects so templates write <c>t.state</c>; other values pass as they are.</summary>
    private static object? ToScript(object? value)
    {
        if (value is not IReadOnlyDictionary<string, string> map) return value;
        var o = new ScriptObject();
        foreach (var (k, v) in map) o.SetValue(k, v, true);
        return o;
    }

    public string RenderSingle(string path, IReadOnlyDictionary<string, object?> model) => Render(path, model).Single();
}
