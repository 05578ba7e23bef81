using Pipes.Core.Diagnostics;
using Pipes.Core.Models;
using Pipes.Core.Yaml;

namespace Pipes.Core.Load;

/// <summary>Pairs each <c>.sql</c> file with its <c>models:</c> entry and parses its template.</summary>
public static class ModelAssembler
{
    /// <summary>One parsed <c>.sql</c> file and the problems its template has.</summary>
    public sealed record ParsedSql(string Text, Scriban.Template? Template, SimpleModelTemplate? Simple, DiagnosticBag Bag);

    /// <summary>Reads and parses every file in parallel (the costly part, independent of the YAML); order kept.</summary>
    public static IReadOnlyList<ParsedSql> Parse(IReadOnlyList<ProjectFiles.Entry> sqlFiles) =>
        sqlFiles.AsParallel().AsOrdered().Select(f =>
        {
            var local = new DiagnosticBag();
            var text = YamlFile.ReadText(f.Full, f.Display, local);
            if (text is null) return new ParsedSql("", null, null, local);
            var simple = SimpleModelTemplate.TryParse(text, f.Display);
            return new ParsedSql(text, simple is null ? ModelTemplateChecks.Parse(text, f.Display, local) : null, simple, local);
        }).ToList();

    public static IReadOnlyList<ModelSpec> Assemble(IReadOnlyList<ProjectFiles.Entry> sqlFiles, IReadOnlyList<ParsedSql> parsed, IReadOnlyList<DefinitionFile> definitions, DiagnosticBag bag)
    {
        var configs = ConfigIndex.Build(definitions.SelectMany(d => d.Models), c => c.Name, "model", bag);

        var models = new List<ModelSpec>();
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var index = 0; index < sqlFiles.Count; index++)
        {
            var file = sqlFiles[index];
            var name = Path.GetFileNameWithoutExtension(file.Full);
            if (paths.TryGetValue(name, out var firstPath))
            {
                bag.Error(DiagnosticCodes.DuplicateName, SourceSpan.At(file.Display, 1, 1), $"model '{name}' is defined twice: here and at {SourceSpan.At(firstPath, 1, 1)}",
                    "model names are file names without .sql and must be unique across model paths; rename one");
                continue;
            }
            paths[name] = file.Display;
            var (text, template, simple, local) = parsed[index];
            bag.AddRange(local.Items);
            if (template is null && simple is null) continue;
            configs.TryGetValue(name, out var config);
            models.Add(new ModelSpec(
                name, file.Display, template,
                ParseMaterialization(config?.Materialized?.Value),
                config?.UniqueKey.Select(k => k.Value).ToList() ?? new List<string>(),
                config?.Tags.Select(t => t.Value).OrderBy(t => t, StringComparer.Ordinal).ToList() ?? new List<string>(),
                config?.Description,
                config?.Columns ?? Array.Empty<ColumnSpec>())
            {
                Checksum = ContentHash.Sha256(text),
                Simple = simple,
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
