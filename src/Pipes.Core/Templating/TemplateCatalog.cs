using System.Reflection;
using Pipes.Core.Dialects;
using Pipes.Core.Diagnostics;
using Scriban;
using SourceSpan = Scriban.Parsing.SourceSpan;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Pipes.Core.Templating;

/// <summary>
/// Every SQL template, parsed once: the built-in ones embedded from <c>templates/</c>, each replaceable by a project
/// file at the same path under the project's <c>templates/</c>. Engine-only templates live under a folder named after
/// the dialect (<c>snowflake/identity/split_udtf.sql.scriban</c>): a path is looked up there first, then as it is,
/// the way dbt dispatches <c>snowflake__x</c> before <c>default__x</c>.
/// </summary>
public sealed partial class TemplateCatalog : ITemplateLoader
{
    private const string Prefix = "templates/";
    private readonly Dictionary<string, Template> _templates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _overridden = new(StringComparer.Ordinal);

    public TemplateCatalog(string? projectRoot, DiagnosticBag bag)
    {
        var assembly = typeof(TemplateCatalog).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            _texts[resource[Prefix.Length..]] = reader.ReadToEnd();
        }
        var builtIn = _texts.Keys.ToHashSet(StringComparer.Ordinal);
        var overrides = projectRoot is null ? null : Path.Combine(projectRoot, "templates");
        var added = new List<string>();
        if (overrides is not null && Directory.Exists(overrides))
        {
            foreach (var file in Directory.EnumerateFiles(overrides, "*.scriban", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var path = Path.GetRelativePath(overrides, file).Replace('\\', '/');
                _texts[path] = File.ReadAllText(file);
                _overridden.Add(path);
                if (!builtIn.Contains(path)) added.Add(path);
            }
        }
        RefuseUnusedOverrides(added, builtIn, bag);
        foreach (var (path, text) in _texts)
        {
            var template = TemplateEngine.Parse(text, Prefix + path, bag);
            if (template is not null) _templates[path] = template;
        }
    }

    /// <summary>
    /// A project template at a path no built-in template has, that no dialect dispatches to and no template includes,
    /// is never read: a misspelt or moved override would silently change nothing, so it is an error (PIPES0108).
    /// </summary>
    private void RefuseUnusedOverrides(IReadOnlyList<string> added, IReadOnlySet<string> builtIn, DiagnosticBag bag)
    {
        if (added.Count == 0) return;
        var included = _texts.Values.SelectMany(t => Include().Matches(t).Select(m => m.Groups["path"].Value)).ToHashSet(StringComparer.Ordinal);
        foreach (var path in added)
        {
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            var dispatched = slash > 0 && DialectRegistry.Names.Contains(path[..slash]) && builtIn.Contains(path[(slash + 1)..]);
            var isIncluded = included.Contains(path) || (slash > 0 && included.Contains(path[(slash + 1)..]));
            if (dispatched || isIncluded) continue;
            var name = Path.GetFileName(path);
            var near = builtIn.Where(b => Path.GetFileName(b) == name).Order(StringComparer.Ordinal).ToList();
            bag.Error(DiagnosticCodes.UnusedTemplateOverride, Diagnostics.SourceSpan.FileOnly(Prefix + path),
                $"template override '{Prefix + path}' replaces no built-in template and no template includes it, so it would change nothing",
                near.Count > 0 ? $"the built-in template of that name is at {string.Join(", ", near.Select(n => Prefix + n))}" : "an override sits at the path of a built-in template (the templates/ folder of the Pipes repository) or is included by one");
        }
    }

    /// <summary>The template at a path relative to <c>templates/</c>, e.g. <c>models/view.sql.scriban</c>.</summary>
    public Template Get(string path)
    {
        _used?.Add(path);
        return _templates.TryGetValue(path, out var template)
            ? template
            : throw new InvalidOperationException($"no template '{path}'; known: {string.Join(", ", _templates.Keys.Order(StringComparer.Ordinal))}");
    }

    /// <summary>Whether the project replaced the template at <paramref name="path"/> (as <see cref="Dispatch"/> names it) with its own file.</summary>
    public bool IsOverridden(string path) => _overridden.Contains(path);

    // The templates fetched on this thread while a node compiles (Compiler.CompileAll compiles a node on one thread).
    [ThreadStatic] private static HashSet<string>? _used;

    /// <summary>Records the templates <see cref="Get"/> hands out on this thread until <see cref="EndRecording"/>.</summary>
    public static void BeginRecording() => _used = new HashSet<string>(StringComparer.Ordinal);

    public static IReadOnlySet<string> EndRecording()
    {
        var used = _used ?? [];
        _used = null;
        return used;
    }

    /// <summary>
    /// SHA-256 of each template the given ones render, their includes followed (a rendering context caches included
    /// templates, so recording loads would miss them): what state:modified compares.
    /// </summary>
    public IReadOnlyDictionary<string, string> Checksums(IEnumerable<string> roots)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<string>(roots);
        while (pending.Count > 0)
        {
            var path = pending.Pop();
            if (result.ContainsKey(path) || !_texts.TryGetValue(path, out var text)) continue;
            result[path] = ContentHash.Sha256(text);
            foreach (System.Text.RegularExpressions.Match m in Include().Matches(text)) pending.Push(m.Groups["path"].Value);
        }
        return result;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"include\s+[""'](?<path>[^""']+)[""']")]
    private static partial System.Text.RegularExpressions.Regex Include();

    /// <summary>The dialect's own template for <paramref name="path"/> (<c>&lt;dialect&gt;/path</c>) when there is one, else the shared one.</summary>
    public Template Get(string path, Dialect dialect) => Get(Dispatch(path, dialect.Name));

    /// <summary>The path a template is read from for a dialect: <c>&lt;dialect&gt;/path</c> when it exists, else <paramref name="path"/>.</summary>
    public string Dispatch(string path, string dialectName) =>
        _texts.ContainsKey(dialectName + "/" + path) ? dialectName + "/" + path : path;

    // An include resolves like Get: the rendering's dialect (the global 'dialect' object's name) first.
    string ITemplateLoader.GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) =>
        context.GetValue(new ScriptVariableGlobal("dialect")) is ScriptObject dialect && dialect["name"] is string name
            ? Dispatch(templateName, name)
            : templateName;

    string ITemplateLoader.Load(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        _texts.TryGetValue(templatePath, out var text) ? text : throw new InvalidOperationException($"no template '{templatePath}'");

    ValueTask<string?> ITemplateLoader.LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        ValueTask.FromResult<string?>(((ITemplateLoader)this).Load(context, callerSpan, templatePath));
}
