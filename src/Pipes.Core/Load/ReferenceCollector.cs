using Pipes.Core.Diagnostics;
using Pipes.Core.Templating;
using Pipes.Core.Models;
using Pipes.Core.Yaml;

namespace Pipes.Core.Load;

/// <summary>
/// Renders each model to learn which models, seeds and sources it calls (dbt parses the same way), reports unknown
/// names at the call with a "did you mean", and keeps the rendered SELECT so compiling does not render it again.
/// Models render in parallel, each into its own diagnostics, merged in model order so output stays deterministic.
/// </summary>
public static partial class ReferenceCollector
{
    public static IReadOnlyList<ModelSpec> Collect(Project project, DiagnosticBag bag)
    {
        var relations = new RelationNames(project);
        var known = project.Models.Select(m => m.Name).Concat(project.Seeds.Select(s => s.Name)).ToHashSet(StringComparer.Ordinal);
        var models = project.Models;
        var results = new ModelSpec[models.Count];
        var bags = new DiagnosticBag[models.Count];
        using var workers = new ThreadLocal<(ModelScope Scope, TemplateRenderer Renderer)>(() =>
            (new ModelScope(project.Dialect, project.Vars, project.Environment), new TemplateRenderer()));
        Parallel.For(0, models.Count, i =>
        {
            var (scope, renderer) = workers.Value;
            var model = models[i];
            var local = bags[i] = new DiagnosticBag();
            var resolver = new CheckingResolver(project, known, relations, local);
            var self = relations.Model(model.Name);
            // The incremental render reports only template failures: its ref/var findings repeat the first render's.
            string? Render(DiagnosticBag calls, bool isIncremental)
            {
                var globals = scope.Bind(resolver, calls, self, isIncremental);
                return model.Simple is { } simple ? simple.Render(scope) : renderer.Render(model.Template!, globals, local);
            }
            var errorsBefore = local.Items.Count;
            var sql = Render(local, isIncremental: false);
            if (local.Items.Count == errorsBefore && IsEmpty(sql))
                local.Error(DiagnosticCodes.EmptyModel, SourceSpan.At(model.Path, 1, 1), $"model '{model.Name}' is empty: it has no SQL to run",
                    "write its SELECT, or delete the file");
            var incremental = model.Materialized == Materialization.Incremental ? Render(new DiagnosticBag(), isIncremental: true) : null;
            results[i] = model with
            {
                Sql = Trim(sql),
                IncrementalSql = incremental is null ? null : Trim(incremental),
                Refs = resolver.Refs.OrderBy(r => r, StringComparer.Ordinal).ToList(),
                RefSpans = resolver.RefSpans,
                SourceRefs = resolver.Sources.OrderBy(s => s.Source, StringComparer.Ordinal).ThenBy(s => s.Table, StringComparer.Ordinal).ToList(),
            };
        });
        foreach (var local in bags) bag.AddRange(local.Items);
        return results;
    }

    /// <summary>A model is one SELECT: a trailing semicolon would break the statement that wraps it.</summary>
    private static string Trim(string? sql) => (sql ?? "").Trim().TrimEnd(';').TrimEnd();

    /// <summary>Nothing but whitespace, semicolons and SQL comments.</summary>
    private static bool IsEmpty(string? sql)
    {
        // Most models start with SELECT or WITH: a first character that opens no comment and is no ';' stays, so the
        // model is not empty, decided without copying the text (10,000 models: issue 14).
        var text = (sql ?? "").AsSpan().TrimStart();
        if (text.Length > 0 && text[0] is not ('-' or '/' or ';')) return false;
        return Comments().Replace(sql ?? "", "").Trim().Trim(';').Trim().Length == 0;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"--[^\n]*|/\*.*?(\*/|$)", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex Comments();

    private sealed class CheckingResolver(Project project, HashSet<string> known, RelationNames relations, DiagnosticBag bag) : IRelationResolver
    {
        public HashSet<string> Refs { get; } = new(StringComparer.Ordinal);

        /// <summary>Where each ref is first called, so a dependency cycle can point at the call that closes it.</summary>
        public Dictionary<string, SourceSpan> RefSpans { get; } = new(StringComparer.Ordinal);

        public HashSet<(string Source, string Table)> Sources { get; } = new();

        public string Ref(Located<string> name)
        {
            if (!known.Contains(name.Value))
            {
                if (project.Unloaded.Contains(name.Value)) return name.Value;
                bag.Error(DiagnosticCodes.UnknownRef, name.Span, $"unknown model or seed '{name.Value}' in ref", DidYouMean.Hint(name.Value, known));
                return name.Value;
            }
            Refs.Add(name.Value);
            RefSpans.TryAdd(name.Value, name.Span);
            return relations.Model(name.Value);
        }

        public string Source(Located<string> source, Located<string> table)
        {
            if (!TrySource(project, relations, source, table, bag, out var relation)) return relation;
            Sources.Add((source.Value, table.Value));
            return relation;
        }
    }

    /// <summary>
    /// The relation of a <c>source</c> call; an unknown source or table is reported at its argument with a "did you
    /// mean", and <paramref name="relation"/> is then the unknown name.
    /// </summary>
    public static bool TrySource(Project project, RelationNames relations, Located<string> source, Located<string> table, DiagnosticBag bag, out string relation)
    {
        var spec = project.Sources.FirstOrDefault(s => s.Name.Value == source.Value);
        if (spec is null)
        {
            bag.Error(DiagnosticCodes.UnknownSource, source.Span, $"unknown source '{source.Value}'", DidYouMean.Hint(source.Value, project.Sources.Select(s => s.Name.Value)));
            relation = source.Value;
            return false;
        }
        if (spec.Tables.All(t => t.Name.Value != table.Value))
        {
            bag.Error(DiagnosticCodes.UnknownSource, table.Span, $"source '{source.Value}' has no table '{table.Value}'", DidYouMean.Hint(table.Value, spec.Tables.Select(t => t.Name.Value)));
            relation = table.Value;
            return false;
        }
        relation = relations.Source(source.Value, table.Value);
        return true;
    }
}
