using Pipes.Core.Load;

namespace Pipes.Core.Plan;

/// <summary>Turns a loaded project into its graph of nodes.</summary>
public static class GraphBuilder
{
    public static Dag Build(Project project)
    {
        var p = project.Name;
        var nodes = new List<Node>();
        foreach (var source in project.Sources)
        {
            foreach (var table in source.Tables)
                nodes.Add(new Node(Node.SourceId(p, source.Name.Value, table.Name.Value), NodeKind.Source, $"{source.Name.Value}.{table.Name.Value}", source.Span.File, Array.Empty<string>(), Array.Empty<string>()));
        }
        var seedNames = project.Seeds.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var seed in project.Seeds)
            nodes.Add(new Node(Node.SeedId(p, seed.Name), NodeKind.Seed, seed.Name, seed.Path, seed.Tags, Array.Empty<string>()));
        foreach (var model in project.Models)
        {
            var parents = model.Refs.Select(r => seedNames.Contains(r) ? Node.SeedId(p, r) : Node.ModelId(p, r))
                .Concat(model.SourceRefs.Select(s => Node.SourceId(p, s.Source, s.Table)))
                .OrderBy(id => id, StringComparer.Ordinal).ToList();
            nodes.Add(new Node(Node.ModelId(p, model.Name), NodeKind.Model, model.Name, model.Path, model.Tags, parents));
        }
        return new Dag(nodes);
    }
}
