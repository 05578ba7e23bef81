using Pipes.Core.Diagnostics;

namespace Pipes.Core.Yaml;

/// <summary>Entries of <c>models:</c> or <c>seeds:</c> by name; a second entry for a name is an error at its name.</summary>
public static class ConfigIndex
{
    public static Dictionary<string, T> Build<T>(IEnumerable<T> entries, Func<T, Located<string>> name, string kind, DiagnosticBag bag)
    {
        var index = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var key = name(entry);
            if (index.TryGetValue(key.Value, out var first))
                bag.Error(DiagnosticCodes.DuplicateName, key.Span, $"{kind} '{key.Value}' is configured twice", $"first at {name(first).Span}");
            else
                index[key.Value] = entry;
        }
        return index;
    }
}
