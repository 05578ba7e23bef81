using Pipes.Core.Diagnostics;
using Pipes.Core.Load;
using Pipes.Core.Templating;
using Pipes.Core.Yaml;

namespace Pipes.Core.Tasks;

/// <summary>
/// The SQL of <c>pipes show --inline</c>: rendered like a model, so <c>{{ ref "x" }}</c>, <c>{{ source "s" "t" }}</c>
/// and <c>{{ var "v" }}</c> work; problems point at <c>--inline(line,col)</c>.
/// </summary>
public static class InlineQuery
{
    public const string DisplayPath = "--inline";

    public static string? Render(Project project, string text, DiagnosticBag bag)
    {
        var template = TemplateEngine.Parse(text, DisplayPath, bag);
        if (template is null) return null;
        var relations = new RelationNames(project);
        var scope = new ModelScope(project.Dialect, project.Vars, project.Environment);
        var sql = new TemplateRenderer().Render(template, scope.Bind(new Resolver(project, relations, bag), bag, "pipes_show", isIncremental: false), bag);
        if (sql is null || bag.HasErrors) return null;
        // A query is wrapped in a subquery: a trailing semicolon would end it early.
        var trimmed = sql.Trim().TrimEnd(';').TrimEnd();
        if (trimmed.Length == 0) bag.Error(DiagnosticCodes.ShowInvalidRequest, SourceSpan.At(DisplayPath, 1, 1), "--inline is empty: give it a SELECT");
        return trimmed;
    }

    private sealed class Resolver(Project project, RelationNames relations, DiagnosticBag bag) : IRelationResolver
    {
        public string Ref(Located<string> name)
        {
            var known = project.Models.Select(m => m.Name).Concat(project.Seeds.Select(s => s.Name)).ToList();
            if (!known.Contains(name.Value, StringComparer.Ordinal))
                bag.Error(DiagnosticCodes.UnknownRef, name.Span, $"unknown model or seed '{name.Value}' in ref", DidYouMean.Hint(name.Value, known));
            return relations.Model(name.Value);
        }

        public string Source(Located<string> source, Located<string> table)
        {
            ReferenceCollector.TrySource(project, relations, source, table, bag, out var relation);
            return relation;
        }
    }
}
