using Pipes.Core.Seeds;
using Pipes.Core.Diagnostics;
using Pipes.Core.Yaml;

namespace Pipes.Core.Load;

/// <summary>Pairs each <c>.csv</c> file with its <c>seeds:</c> entry.</summary>
public static class SeedAssembler
{
    public static IReadOnlyList<SeedSpec> Assemble(IReadOnlyList<ProjectFiles.Entry> csvFiles, IReadOnlyList<DefinitionFile> definitions, DiagnosticBag bag)
    {
        var configs = ConfigIndex.Build(definitions.SelectMany(d => d.Seeds), c => c.Name, "seed", bag);

        var seeds = new List<SeedSpec>();
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in csvFiles)
        {
            var name = Path.GetFileNameWithoutExtension(file.Full);
            if (files.TryGetValue(name, out var firstPath))
            {
                bag.Error(DiagnosticCodes.DuplicateName, SourceSpan.FileOnly(file.Display), $"seed '{name}' is defined twice", $"first in {firstPath}");
                continue;
            }
            files[name] = file.Display;
            configs.TryGetValue(name, out var config);
            var text = SeedText.Read(file.Full, file.Display, bag);
            if (text is null) continue;
            var table = CsvTable.Parse(text, file.Display, bag);
            if (table is null) continue;
            var columnTypes = config?.ColumnTypes ?? new Dictionary<string, Located<string>>();
            foreach (var (column, type) in columnTypes.Where(c => !table.Header.Contains(c.Key)))
                bag.Error(DiagnosticCodes.InvalidValue, type.Span, $"seed '{name}' has no column '{column}'", DidYouMean.Hint(column, table.Header));
            seeds.Add(new SeedSpec(
                name, file.Display, table,
                columnTypes,
                config?.Tags.Select(t => t.Value).OrderBy(t => t, StringComparer.Ordinal).ToList() ?? new List<string>(),
                config?.Description)
            {
                Checksum = ContentHash.Sha256(text),
            });
        }

        foreach (var config in configs.Values.Where(c => !files.ContainsKey(c.Name.Value)))
        {
            bag.Error(DiagnosticCodes.ConfigWithoutModel, config.Name.Span, $"seed '{config.Name.Value}' is configured but has no .csv file",
                DidYouMean.Hint(config.Name.Value, files.Keys) ?? $"create {config.Name.Value}.csv under a seed path");
        }
        return seeds.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }
}
