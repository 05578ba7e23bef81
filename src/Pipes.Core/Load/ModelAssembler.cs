using Pipes.Core.Diagnostics;
using Pipes.Core.Templating;

namespace Pipes.Core.Load;

/// <summary>Pairs each <c>.sql</c> file with its <c>models:</c> entry and parses its template.</summary>
public static class ModelAssembler
{
    public static IReadOnlyList<ModelSpec> Assemble(IReadOnlyList<ProjectFiles.Entry> sqlFiles, IReadOnlyList<DefinitionFile> definitions, DiagnosticBag bag)
    {
        var configs = ConfigIndex.Build(definitions.SelectMany(d => d.Models), c => c.Name, "model", bag);

        var models = new List<ModelSpec>();
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        // Parsing is the costly part and independent per file; diagnostics are merged in file order.
        var parsed = sqlFiles.AsParallel().AsOrdered().Select(f =>
        {
            var local = new DiagnosticBag();
            var text = File.ReadAllText(f.Full);
            return (Text: text, Template: TemplateEngine.Parse(text, f.Display, local), Bag: local);
        }).ToList();
        for (var index = 0; index < sqlFiles.Count; index++)
        {
            var file = sqlFiles[index];
            var name = Path.GetFileNameWithoutExtension(file.Full);
            if (paths.TryGetValue(name, out var firstPath))
            {
                bag.Error(DiagnosticCodes.DuplicateName, SourceSpan.FileOnly(file.Display), $"model '{name}' is defined twice", $"first in {firstPath}");
                continue;
            }
            paths[name] = file.Display;
            var (text, template, local) = parsed[index];
            bag.AddRange(local.Items);
            if (template is null) continue;
            configs.TryGetValue(name, out var config);
            models.Add(new ModelSpec(
                name, file.Display, template,
                ParseMaterialization(config?.Materialized?.Value),
                config?.UniqueKey.Select(k => k.Value).ToList() ?? new List<string>(),
                config?.Tags.Select(t => t.Value).OrderBy(t => t, StringComparer.Ordinal).ToList() ?? new List<string>(),
                config?.Description,
                config?.Columns ?? Array.Empty<ColumnSpec>())
            {
                Checksum = ProjectLoader.Sha256(text),
            });
        }

        foreach (var config in configs.Values.Where(c => !paths.ContainsKey(c.Name.Value)))
        {
            bag.Error(DiagnosticCodes.ConfigWithoutModel, config.Name.Span, $"model '{config.Name.Value}' is configured but has no .sql file",
                DidYouMean.Hint(config.Name.Value, paths.Keys) ?? $"create {config.Name.Value}.sql under a model path");
        }
        return models.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
    }

    private static Materialization ParseMaterialization(string? value) => value switch
    {
        "table" => Materialization.Table,
        "incremental" => Materialization.Incremental,
        _ => Materialization.View,
    };
}
