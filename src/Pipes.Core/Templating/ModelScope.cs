using System.Globalization;
using Pipes.Core.Compile.Dialects;
using Pipes.Core.Diagnostics;
using Pipes.Core.Load;
using Scriban;
using Scriban.Runtime;
using ScribanSpan = Scriban.Parsing.SourceSpan;

namespace Pipes.Core.Templating;

/// <summary>The functions and values a SQL model sees: ref, source, var, env_var, this, is_incremental, dialect.</summary>
public sealed class ModelScope
{
    private readonly IRelationResolver _resolver;
    private readonly IReadOnlyDictionary<string, object?> _vars;
    private readonly Func<string, string?> _environment;
    private readonly DiagnosticBag _bag;

    public ModelScope(IRelationResolver resolver, IReadOnlyDictionary<string, object?> vars, Func<string, string?> environment, DiagnosticBag bag)
    {
        _resolver = resolver;
        _vars = vars;
        _environment = environment;
        _bag = bag;
    }

    public ScriptObject Create(Dialect dialect, string thisRelation, bool isIncremental)
    {
        var o = new ScriptObject();
        o.Import("ref", new Func<TemplateContext, ScribanSpan, string, string>(Ref));
        o.Import("source", new Func<TemplateContext, ScribanSpan, string, string, string>(Source));
        o.Import("var", new VarFunction(Var));
        o.Import("env_var", new VarFunction(EnvVar));
        o.SetValue("self", thisRelation, true); // `this` is a Scriban keyword
        o.SetValue("is_incremental", isIncremental, true);
        o.SetValue("dialect", DialectScriptObject.Create(dialect), true);
        return o;
    }

    /// <summary>Scriban reads optional parameters from the delegate's signature.</summary>
    public delegate string VarFunction(TemplateContext context, ScribanSpan span, string name, object? fallback = null);

    private string Ref(TemplateContext context, ScribanSpan span, string name) =>
        _resolver.Ref(new Located<string>(name, TemplateEngine.ToSpan(span)));

    private string Source(TemplateContext context, ScribanSpan span, string source, string table)
    {
        var at = TemplateEngine.ToSpan(span);
        return _resolver.Source(new Located<string>(source, at), new Located<string>(table, at));
    }

    private string Var(TemplateContext context, ScribanSpan span, string name, object? fallback = null)
    {
        if (_vars.TryGetValue(name, out var value)) return Text(value);
        if (fallback is not null) return Text(fallback);
        _bag.Error(DiagnosticCodes.UnknownVar, TemplateEngine.ToSpan(span), $"unknown var '{name}'",
            DidYouMean.Hint(name, _vars.Keys) ?? "define it under 'vars:' in pipes_project.yml, pass --vars, or give a default");
        return "";
    }

    private string EnvVar(TemplateContext context, ScribanSpan span, string name, object? fallback = null) =>
        EnvVarLookup.Get(name, fallback is null ? null : Text(fallback), _environment, TemplateEngine.ToSpan(span), _bag);

    private static string Text(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
