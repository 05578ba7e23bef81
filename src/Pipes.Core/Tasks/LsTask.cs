using System.Text;
using System.Text.Json;
using Pipes.Core.Diagnostics;
using Pipes.Core.Plan;

namespace Pipes.Core.Tasks;

/// <summary>
/// <c>pipes ls</c>: the selected nodes in run order, one a line: the unique id (default), the name, the file path, or one
/// JSON object (dbt's <c>--output json</c>); <c>--resource-type</c> keeps only some kinds.
/// </summary>
public static class LsTask
{
    public static readonly IReadOnlyList<string> Outputs = ["id", "name", "path", "json"];

    /// <summary>The kinds as <c>--resource-type</c> names them (NodeKind, lower-case).</summary>
    public static readonly IReadOnlyList<string> ResourceTypes = Enum.GetNames<NodeKind>().Select(n => n.ToLowerInvariant()).ToList();

    public static int Execute(CommandOptions options, TaskOutput output) => Execute(options, output, "id", []);

    public static int Execute(CommandOptions options, TaskOutput output, string format, IReadOnlyList<string> resourceTypes)
    {
        var bag = new DiagnosticBag();
        if (!Outputs.Contains(format))
            bag.Error(DiagnosticCodes.UnknownResourceType, SourceSpan.None, $"--output must be one of {string.Join(", ", Outputs)}, not '{format}'", DidYouMean.Hint(format, Outputs));
        foreach (var type in resourceTypes.Where(t => !ResourceTypes.Contains(t)))
            bag.Error(DiagnosticCodes.UnknownResourceType, SourceSpan.None, $"unknown --resource-type '{type}'; known: {string.Join(", ", ResourceTypes)}", DidYouMean.Hint(type, ResourceTypes));
        if (bag.HasErrors)
        {
            output.Diagnostics(bag);
            return ExitCodes.Failure;
        }
        var session = ProjectSession.Open(options, output);
        if (session is null) return ExitCodes.Failure;
        foreach (var node in session.Plan.Selected.Where(n => resourceTypes.Count == 0 || resourceTypes.Contains(Kind(n))))
        {
            switch (format)
            {
                case "name": output.Data(node.Name); break;
                case "path": output.Data(node.Path); break;
                case "json": output.Data(Json(node)); break;
                default: output.Info(node.Id, ("event", "node"), ("kind", Kind(node)), ("path", node.Path)); break;
            }
        }
        return ExitCodes.Success;
    }

    private static string Kind(Node node) => node.Kind.ToString().ToLowerInvariant();

    /// <summary>One line per node with dbt's keys: unique_id, name, resource_type, original_file_path, tags, depends_on.</summary>
    private static string Json(Node node)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("unique_id", node.Id);
            w.WriteString("name", node.Name);
            w.WriteString("resource_type", Kind(node));
            w.WriteString("original_file_path", node.Path);
            w.WriteStartArray("tags");
            foreach (var tag in node.Tags) w.WriteStringValue(tag);
            w.WriteEndArray();
            w.WriteStartObject("depends_on");
            w.WriteStartArray("nodes");
            foreach (var parent in node.DependsOn) w.WriteStringValue(parent);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
