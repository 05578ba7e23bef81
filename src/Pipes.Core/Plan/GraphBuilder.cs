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
        if (project.Identity is { } identity)
            nodes.Add(IdentityNode(project.Name, identity));
        return new Dag(nodes);
    }

    /// <summary>One node after every relation that declares identifiers.</summary>
    private static Node IdentityNode(string p, IdentityProject identity)
    {
        var parents = identity.Inputs.Select(i => i.Kind switch
        {
            IdentityInputKind.Source => Node.SourceId(p, i.Name, i.Table!),
            IdentityInputKind.Seed => Node.SeedId(p, i.Name),
            _ => Node.ModelId(p, i.Name),
        }).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList();
        return new Node(Node.IdentityId(p), NodeKind.Identity, "identity", identity.Span.File, Array.Empty<string>(), parents);
    }
}
