using Pipes.Core.Diagnostics;
using Pipes.Core.Templating;

namespace Pipes.Core.Load;

/// <summary>
/// Renders each model once to learn which models, seeds and sources it calls (dbt parses the same way), and
/// reports unknown names at the call with a "did you mean".
/// </summary>
public static class ReferenceCollector
{
    public static IReadOnlyList<ModelSpec> Collect(Project project, DiagnosticBag bag)
    {
        var relations = new RelationNames(project);
        var known = project.Models.Select(m => m.Name).Concat(project.Seeds.Select(s => s.Name)).ToHashSet(StringComparer.Ordinal);
        return project.Models.Select(model =>
        {
            var resolver = new CheckingResolver(project, known, relations, bag);
            var scope = new ModelScope(resolver, project.Vars, project.Environment, bag);
            var context = TemplateEngine.NewContext(scope.Create(project.Dialect, relations.Model(model.Name), isIncremental: false));
            TemplateEngine.Render(model.Template, context, bag);
            if (model.Materialized == Materialization.Incremental)
            {
                context = TemplateEngine.NewContext(scope.Create(project.Dialect, relations.Model(model.Name), isIncremental: true));
                TemplateEngine.Render(model.Template, context, new DiagnosticBag());
            }
            return model with
            {
                Refs = resolver.Refs.OrderBy(r => r, StringComparer.Ordinal).ToList(),
                SourceRefs = resolver.Sources.OrderBy(s => s.Source, StringComparer.Ordinal).ThenBy(s => s.Table, StringComparer.Ordinal).ToList(),
            };
        }).ToList();
    }

    private sealed class CheckingResolver(Project project, HashSet<string> known, RelationNames relations, DiagnosticBag bag) : IRelationResolver
    {
        public HashSet<string> Refs { get; } = new(StringComparer.Ordinal);

        public HashSet<(string Source, string Table)> Sources { get; } = new();

        public string Ref(Located<string> name)
        {
            if (!known.Contains(name.Value))
            {
                bag.Error(DiagnosticCodes.UnknownRef, name.Span, $"unknown model or seed '{name.Value}' in ref", DidYouMean.Hint(name.Value, known));
                return name.Value;
            }
            Refs.Add(name.Value);
            return relations.Model(name.Value);
        }

        public string Source(Located<string> source, Located<string> table)
        {
            var spec = project.Sources.FirstOrDefault(s => s.Name.Value == source.Value);
            if (spec is null)
            {
                bag.Error(DiagnosticCodes.UnknownSource, source.Span, $"unknown source '{source.Value}'", DidYouMean.Hint(source.Value, project.Sources.Select(s => s.Name.Value)));
                return source.Value;
            }
            if (spec.Tables.All(t => t.Name.Value != table.Value))
            {
                bag.Error(DiagnosticCodes.UnknownSource, table.Span, $"source '{source.Value}' has no table '{table.Value}'", DidYouMean.Hint(table.Value, spec.Tables.Select(t => t.Name.Value)));
                return table.Value;
            }
            Sources.Add((source.Value, table.Value));
            return relations.Source(source.Value, table.Value);
        }
    }
}
