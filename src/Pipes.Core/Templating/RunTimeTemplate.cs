using Pipes.Core.Dialects;
using Pipes.Core.Diagnostics;
using Scriban.Runtime;

namespace Pipes.Core.Templating;

/// <summary>
/// A statement rendered only once a run-time value is known (this run's id and time, rows the host computed, a seed's
/// chunk of rows): which template renders it (<see cref="Path"/>, looked up in the project's catalog, so an override
/// applies) and the values fixed when the node compiled (<see cref="Globals"/>). A compiled node holds this instead
/// of a closure, so what runs is named by the node and shown in its compiled file.
/// </summary>
public sealed record RunTimeTemplate(TemplateCatalog Catalog, Dialect Dialect, string Path, ScriptObject Globals)
{
    /// <summary>
    /// The rendered text, trimmed, with <paramref name="values"/> on top of the compile-time globals. The template was
    /// rendered once when the node compiled (its example in the compiled file), so a failure here is a bug.
    /// </summary>
    public string Render(params (string Name, object? Value)[] values)
    {
        var scope = new ScriptObject();
        foreach (var (name, value) in values) scope.SetValue(name, value, true);
        var context = TemplateEngine.NewContext(Globals, Catalog);
        context.PushGlobal(scope);
        var bag = new DiagnosticBag();
        return TemplateEngine.Render(Catalog.Get(Path, Dialect), context, bag)?.Trim()
            ?? throw new InvalidOperationException($"{Path}: " + string.Join("\n", bag.Items));
    }
}
