using Pipes.Core.Compile;
using Pipes.Core.Load;
using Pipes.Core.Plan;

namespace Pipes.Core.Artifacts;

/// <summary>
/// What <c>state:modified</c> compares for one node, as the manifest records it: the checksum of the node's own text
/// (a model's SQL file, a seed's CSV; for nodes declared in YAML, their compiled SQL, which is what the YAML turns
/// into), of its config, and of each template it renders. <see cref="Templates"/> is null when the node was not compiled.
/// </summary>
public sealed record NodeFingerprint(string Checksum, string ConfigChecksum, IReadOnlyDictionary<string, string>? Templates)
{
    public static NodeFingerprint Of(Project project, Node node, CompiledNode? compiled)
    {
        var model = node.Kind == NodeKind.Model ? project.Models.FirstOrDefault(m => m.Name == node.Name) : null;
        var seed = node.Kind == NodeKind.Seed ? project.Seeds.FirstOrDefault(s => s.Name == node.Name) : null;
        var own = model?.Checksum ?? seed?.Checksum ?? (compiled is null ? "" : ContentHash.Sha256(compiled.Sql));
        var config = model is not null
            ? $"materialized={model.Materialized}\nunique_key={string.Join(",", model.UniqueKey)}\ntags={string.Join(",", model.Tags)}"
            : seed is not null
                ? $"column_types={string.Join(",", seed.ColumnTypes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}:{c.Value.Value}"))}\ntags={string.Join(",", seed.Tags)}"
                : $"tags={string.Join(",", node.Tags)}";
        return new NodeFingerprint(own, ContentHash.Sha256(config), compiled?.TemplateChecksums);
    }

    /// <summary>Why this node differs from the one recorded in the state, or null when it does not.</summary>
    public string? DifferenceFrom(NodeFingerprint before)
    {
        if (Checksum != before.Checksum || Checksum.Length == 0) return "its text changed";
        if (ConfigChecksum != before.ConfigChecksum) return "its config changed";
        if (Templates is null || before.Templates is null) return "its templates were not recorded";
        var changed = Templates.Keys.Union(before.Templates.Keys).Order(StringComparer.Ordinal)
            .FirstOrDefault(path => Templates.GetValueOrDefault(path) != before.Templates.GetValueOrDefault(path));
        return changed is null ? null : $"template {changed} changed";
    }
}
