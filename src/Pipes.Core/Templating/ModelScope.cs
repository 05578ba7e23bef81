using System.Globalization;
using Pipes.Core.Dialects;
using Pipes.Core.Diagnostics;
using Pipes.Core.Yaml;
using Scriban;
using Scriban.Runtime;
using ScribanSpan = Scriban.Parsing.SourceSpan;

namespace Pipes.Core.Templating;

/// <summary>
/// The functions and values a SQL model sees: ref, source, var, env_var, self, is_incremental, dialect. Built once and
/// re-bound for each model (<see cref="Bind"/>), because creating Scriban functions is costly; one per thread.
/// </summary>
public sealed class ModelScope
{
    private readonly IReadOnlyDictionary<string, object?> _vars;
    private readonly Func<string, string?> _environment;
    private IRelationResolver? _resolver;
    private DiagnosticBag _bag = new();

    public ModelScope(Dialect dialect, IReadOnlyDictionary<string, object?> vars, Func<string, string?> environment)
    {
        _vars = vars;
        _environment = environment;
        Globals = new ScriptObject();
        Globals.Import("ref", new Func<TemplateContext, ScribanSpan, string, string>(Ref));
        Globals.Import("source", new Func<TemplateContext, ScribanSpan, string, string, string>(Source));
        Globals.Import("var", new VarFunction(Var));
        Globals.Import("env_var", new VarFunction(EnvVar));
        Globals.SetValue("dialect", DialectScriptObject.For(dialect), true);
    }

    /// <summary>Scriban reads optional parameters from the delegate's signature.</summary>
    public delegate string VarFunction(TemplateContext context, ScribanSpan span, string name, object? fallback = null);

    public ScriptObject Globals { get; }

    /// <summary>Points the functions at one model: where refs resolve, where problems go, what <c>self</c> is.</summary>
    public ScriptObject Bind(IRelationResolver resolver, DiagnosticBag bag, string self, bool isIncremental)
    {
        _resolver = resolver;
        _bag = bag;
        Globals.SetValue("self", self, false); // `this` is a Scriban keyword
        Globals.SetValue("is_incremental", isIncremental, false);
        return Globals;
    }

    /// <summary>The same functions without Scriban, for models made only of such calls (<see cref="SimpleModelTemplate"/>).</summary>
    public string Call(string function, IReadOnlyList<string> args, SourceSpan at) => function switch
    {
        "ref" => RefAt(args[0], at),
        "source" => SourceAt(args[0], args[1], at),
        "var" => VarAt(args[0], args.Count > 1 ? args[1] : null, at),
        _ => EnvVarAt(args[0], args.Count > 1 ? args[1] : null, at),
    };

    private string Ref(TemplateContext context, ScribanSpan span, string name) => RefAt(name, TemplateEngine.ToSpan(span));

    private string Source(TemplateContext context, ScribanSpan span, string source, string table) =>
        SourceAt(source, table, TemplateEngine.ToSpan(span));

    private string Var(TemplateContext context, ScribanSpan span, string name, object? fallback = null) =>
        VarAt(name, fallback, TemplateEngine.ToSpan(span));

    private string EnvVar(TemplateContext context, ScribanSpan span, string name, object? fallback = null) =>
        EnvVarAt(name, fallback, TemplateEngine.ToSpan(span));

    private string RefAt(string name, SourceSpan at) => _resolver!.Ref(new Located<string>(name, at));

    private string SourceAt(string source, string table, SourceSpan at) =>
        _resolver!.Source(new Located<string>(source, at), new Located<string>(table, at));

    private string VarAt(string name, object? fallback, SourceSpan at)
    {
        if (_vars.TryGetValue(name, out var value))
        {
            // A list or mapping has no text form in SQL: it would print as a .NET type name.
            if (value is System.Collections.IEnumerable and not string)
            {
                _bag.Error(DiagnosticCodes.WrongType, at, $"var '{name}' is a {(value is System.Collections.IDictionary ? "mapping" : "list")}; only a text value can be written into SQL",
                    "give it one value in 'vars:', or pass --vars");
                return "";
            }
            return Text(value);
        }
        if (fallback is not null) return Text(fallback);
        _bag.Error(DiagnosticCodes.UnknownVar, at, $"unknown var '{name}'",
            DidYouMean.Hint(name, _vars.Keys) ?? "define it under 'vars:' in pipes_project.yml, pass --vars, or give a default");
        return "";
    }

    private string EnvVarAt(string name, object? fallback, SourceSpan at) =>
        EnvVarLookup.Get(name, fallback is null ? null : Text(fallback), _environment, at, _bag);

    private static string Text(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
