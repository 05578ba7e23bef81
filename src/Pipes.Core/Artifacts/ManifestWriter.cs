using System.Text.Json;
using Pipes.Core.Compile;
using Pipes.Core.Load;
using Pipes.Core.Plan;

namespace Pipes.Core.Artifacts;

/// <summary>
/// Writes <c>target/manifest.json</c> in dbt's shape (nodes, sources, parent and child maps). No clock and no
/// secrets: the bytes depend only on the project, so the file diffs cleanly.
/// </summary>
public static class ManifestWriter
{
    public static byte[] Write(Project project, ExecutionPlan plan, IReadOnlyList<CompiledNode> compiled, IReadOnlyDictionary<string, string> compiledPaths)
    {
        var byId = compiled.ToDictionary(c => c.Node.Id, StringComparer.Ordinal);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("metadata");
            w.WriteString("pipes_version", PipesVersion.Current);
            w.WriteString("project_name", project.Name);
            w.WriteString("target", project.Output.Name);
            w.WriteString("dialect", project.Dialect.Name);
            w.WriteEndObject();

            w.WriteStartObject("nodes");
            foreach (var node in plan.Order.Where(n => n.IsExecutable))
            {
                w.WriteStartObject(node.Id);
                WriteCommon(w, node);
                var model = project.Models.FirstOrDefault(m => node.Kind == NodeKind.Model && m.Name == node.Name);
                var seed = project.Seeds.FirstOrDefault(s => node.Kind == NodeKind.Seed && s.Name == node.Name);
                w.WriteString("description", model?.Description ?? seed?.Description ?? "");
                w.WriteStartObject("config");
                w.WriteString("materialized", model?.Materialized.ToString().ToLowerInvariant() ?? "seed");
                WriteArray(w, "unique_key", model?.UniqueKey ?? Array.Empty<string>());
                WriteArray(w, "tags", node.Tags);
                w.WriteEndObject();
                var c = byId.GetValueOrDefault(node.Id);
                var fingerprint = NodeFingerprint.Of(project, node, c);
                w.WriteStartObject("checksum");
                w.WriteString("name", "sha256");
                w.WriteString("checksum", fingerprint.Checksum);
                w.WriteEndObject();
                w.WriteString("config_checksum", fingerprint.ConfigChecksum);
                // Only for compiled nodes: state:modified treats a node without them as changed.
                if (fingerprint.Templates is { } templates)
                {
                    w.WriteStartObject("templates");
                    foreach (var (path, sha) in templates) w.WriteString(path, sha);
                    w.WriteEndObject();
                }
                if (c is not null)
                {
                    w.WriteString("relation_name", c.Relation);
                    w.WriteString("compiled_path", compiledPaths[node.Id]);
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();

            w.WriteStartObject("sources");
            foreach (var node in plan.Order.Where(n => n.Kind == NodeKind.Source))
            {
                w.WriteStartObject(node.Id);
                WriteCommon(w, node);
                w.WriteEndObject();
            }
            w.WriteEndObject();

            w.WriteStartObject("parent_map");
            foreach (var node in plan.Order) WriteArray(w, node.Id, node.DependsOn);
            w.WriteEndObject();
            w.WriteStartObject("child_map");
            foreach (var node in plan.Order) WriteArray(w, node.Id, plan.Graph.Children(node.Id).Order(StringComparer.Ordinal).ToList());
            w.WriteEndObject();
            w.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void WriteCommon(Utf8JsonWriter w, Node node)
    {
        w.WriteString("unique_id", node.Id);
        w.WriteString("resource_type", node.Kind.ToString().ToLowerInvariant());
        w.WriteString("name", node.Name);
        w.WriteString("original_file_path", node.Path);
        w.WriteStartObject("depends_on");
        WriteArray(w, "nodes", node.DependsOn);
        w.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
