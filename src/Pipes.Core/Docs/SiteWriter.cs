using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipes.Core.Docs;

/// <summary>
/// Writes the static site: the page and its scripts (embedded resources under <c>docs/</c>, the vendored libraries
/// included) and <c>data.js</c>, the bundle assigned to a global so the site opens from file:// (no fetch of JSON).
/// </summary>
public static class SiteWriter
{
    private const string Prefix = "docs/";

    public const string DataFile = "data.js";

    public static IReadOnlyList<string> Write(string directory, JsonObject bundle)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        var assembly = typeof(SiteWriter).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var path = Path.Combine(directory, name[Prefix.Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var input = assembly.GetManifestResourceStream(name)!;
            using var output = File.Create(path);
            input.CopyTo(output);
            written.Add(path);
        }
        // UnsafeRelaxedJsonEscaping would leave "</script>" alone; the default encoder escapes <, > and & so the data
        // cannot end the script whatever it holds.
        var json = bundle.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.Default });
        var data = Path.Combine(directory, DataFile);
        File.WriteAllText(data, "window.PIPES_DOCS = " + json + ";\n", new UTF8Encoding(false));
        written.Add(data);
        return written;
    }
}
