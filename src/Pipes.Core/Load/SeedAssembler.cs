using Pipes.Core.Diagnostics;

namespace Pipes.Core.Load;

/// <summary>Pairs each <c>.csv</c> file with its <c>seeds:</c> entry.</summary>
public static class SeedAssembler
{
    public static IReadOnlyList<SeedSpec> Assemble(IReadOnlyList<ProjectFiles.Entry> csvFiles, IReadOnlyList<DefinitionFile> definitions, DiagnosticBag bag)
    {
        var configs = new Dictionary<string, SeedConfigSpec>(StringComparer.Ordinal);
        foreach (var config in definitions.SelectMany(d => d.Seeds))
        {
            if (configs.TryGetValue(config.Name.Value, out var first))
                bag.Error(DiagnosticCodes.DuplicateName, config.Name.Span, $"seed '{config.Name.Value}' is configured twice", $"first at {first.Name.Span}");
            else
                configs[config.Name.Value] = config;
        }

        var seeds = new List<SeedSpec>();
        foreach (var file in csvFiles)
        {
            var name = Path.GetFileNameWithoutExtension(file.Full);
            var twin = seeds.FirstOrDefault(s => s.Name == name);
            if (twin is not null)
            {
                bag.Error(DiagnosticCodes.DuplicateName, SourceSpan.FileOnly(file.Display), $"seed '{name}' is defined twice", $"first in {twin.Path}");
                continue;
            }
            configs.TryGetValue(name, out var config);
            seeds.Add(new SeedSpec(
                name, file.Display,
                config?.ColumnTypes ?? new Dictionary<string, Located<string>>(),
                config?.Tags.Select(t => t.Value).OrderBy(t => t, StringComparer.Ordinal).ToList() ?? new List<string>(),
                config?.Description));
        }

        foreach (var config in configs.Values.Where(c => seeds.All(s => s.Name != c.Name.Value)))
        {
            bag.Error(DiagnosticCodes.ConfigWithoutModel, config.Name.Span, $"seed '{config.Name.Value}' is configured but has no .csv file",
                DidYouMean.Hint(config.Name.Value, seeds.Select(s => s.Name)) ?? $"create {config.Name.Value}.csv under a seed path");
        }
        return seeds.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }
}
