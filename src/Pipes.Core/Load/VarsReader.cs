using Pipes.Core.Diagnostics;
using YamlDotNet.RepresentationModel;
using Pipes.Core.Yaml;

namespace Pipes.Core.Load;

/// <summary>Turns a YAML mapping of variables into plain values (text, lists, nested mappings).</summary>
public static class VarsReader
{
    public static IReadOnlyDictionary<string, object?> Read(MappingReader? reader)
    {
        var vars = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        if (reader is null) return vars;
        foreach (var (key, value) in reader.Entries()) vars[key.Value] = Plain(value, reader.File, reader.Bag);
        return vars;
    }

    /// <summary>Parses <c>--vars '{k: v}'</c>; errors point at the option.</summary>
    public static IReadOnlyDictionary<string, object?> ReadCommandLine(string text, DiagnosticBag bag)
    {
        var root = YamlFile.Parse("--vars", text, bag);
        return Read(MappingReader.From("--vars", root, bag, "--vars"));
    }

    /// <summary>Recursion is bounded: the parser refuses files nested deeper than <see cref="YamlLimits.MaxDepth"/>.</summary>
    private static object? Plain(YamlNode node, string file, DiagnosticBag bag)
    {
        switch (node)
        {
            case YamlScalarNode s:
                return s.Value;
            case YamlSequenceNode q:
                return q.Children.Select(c => Plain(c, file, bag)).ToList();
            case YamlMappingNode m:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, value) in m.Children)
                {
                    if (key is not YamlScalarNode { Value: var name })
                        bag.Error(DiagnosticCodes.WrongType, YamlFile.Span(file, key), "keys in vars must be text values");
                    else if (!map.TryAdd(name ?? "", Plain(value, file, bag)))
                        bag.Error(DiagnosticCodes.DuplicateKey, YamlFile.Span(file, key), $"duplicate key {name}");
                }
                return map;
            default:
                return null;
        }
    }
}
