using Pipes.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Pipes.Core.Load;

/// <summary>Turns a YAML mapping of variables into plain values (text, lists, nested mappings).</summary>
public static class VarsReader
{
    public static IReadOnlyDictionary<string, object?> Read(MappingReader? reader)
    {
        var vars = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        if (reader is null) return vars;
        foreach (var (key, value) in reader.Entries()) vars[key.Value] = Plain(value);
        return vars;
    }

    /// <summary>Parses <c>--vars '{k: v}'</c>; errors point at the option.</summary>
    public static IReadOnlyDictionary<string, object?> ReadCommandLine(string text, DiagnosticBag bag)
    {
        var root = YamlFile.Parse("--vars", text, bag);
        return Read(MappingReader.From("--vars", root, bag, "--vars"));
    }

    private static object? Plain(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value,
        YamlSequenceNode q => q.Children.Select(Plain).ToList(),
        YamlMappingNode m => m.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => Plain(kv.Value), StringComparer.Ordinal),
        _ => null,
    };
}
