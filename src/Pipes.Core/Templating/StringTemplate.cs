using Pipes.Core.Diagnostics;
using Scriban;
using Scriban.Runtime;

namespace Pipes.Core.Templating;

/// <summary>Renders <c>{{ env_var 'X' }}</c> inside a YAML string value (profiles, destinations).</summary>
public static class StringTemplate
{
    public static string Render(Yaml.Located<string> value, Func<string, string?> environment, DiagnosticBag bag)
    {
        if (!value.Value.Contains("{{", StringComparison.Ordinal)) return value.Value;
        var local = new DiagnosticBag();
        var template = TemplateEngine.Parse(value.Value, value.Span.File, local);
        string? result = null;
        if (template is not null)
        {
            var globals = new ScriptObject();
            globals.Import("env_var", new ModelScope.VarFunction((ctx, span, name, fallback) =>
                EnvVarLookup.Get(name, fallback?.ToString(), environment, value.Span, local)));
            result = TemplateEngine.Render(template, TemplateEngine.NewContext(globals), local);
        }
        // Positions inside a one-line YAML scalar are not worth mapping: point at the value itself.
        foreach (var d in local.Items) bag.Add(d with { Span = value.Span });
        return result ?? "";
    }
}
