using System.Text;

namespace Pipes.Core.Compile;

/// <summary>
/// A built-in template rendered once with markers where per-node strings go (the relation, the model's SELECT), then
/// filled in for each node: the same text as rendering it per node, for templates that write those strings as they
/// are, without a Scriban render per node (10,000 models: issue 14). Everything else the template reads must be the
/// same for every node that shares a fill (the caller keys its cache on it).
/// </summary>
public sealed class TemplateFill
{
    private const char Marker = '\u0001';
    private readonly string[] _parts; // text, marker name, text, marker name, ..., text

    private TemplateFill(string[] parts) => _parts = parts;

    /// <summary>The value that stands for <paramref name="name"/> in the render.</summary>
    public static string MarkerFor(string name) => $"{Marker}{name}{Marker}";

    /// <summary>
    /// The fill of a rendered text, or null when the render failed or changed a marker (a marker character in some other
    /// value, a filter applied to a marked value): that template is then rendered per node.
    /// </summary>
    public static TemplateFill? From(string? rendered, IReadOnlyCollection<string> names)
    {
        var parts = rendered?.Split(Marker);
        if (parts is null || parts.Length % 2 == 0) return null;
        for (var i = 1; i < parts.Length; i += 2)
        {
            if (!names.Contains(parts[i])) return null;
        }
        return new TemplateFill(parts);
    }

    /// <summary>The text with each marker replaced by its value (one pass: a value holding a marker stays as it is).</summary>
    public string Fill(Func<string, string> value)
    {
        var text = new StringBuilder();
        for (var i = 0; i < _parts.Length; i++) text.Append(i % 2 == 0 ? _parts[i] : value(_parts[i]));
        return text.ToString();
    }
}
