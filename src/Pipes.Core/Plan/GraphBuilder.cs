using Pipes.Core.Load;
using Pipes.Core.Properties;
using Pipes.Core.Identity;

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
                nodes.Add(new Node(Node.SourceId(p, source.Name.Value, table.Name.Value), NodeKind.Source, $"{source.Name.Value}.{table.Name.Value}", source.Span.File, Array.Empty<string>(), Array.Empty<string>()) { NameSpan = table.Name.Span });
        }
        var seedNames = project.Seeds.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var seed in project.Seeds)
            nodes.Add(new Node(Node.SeedId(p, seed.Name), NodeKind.Seed, seed.Name, seed.Path, seed.Tags, Array.Empty<string>()));
        foreach (var model in project.Models)
        {
            var parents = model.Refs.Select(r => seedNames.Contains(r) ? Node.SeedId(p, r) : Node.ModelId(p, r))
                .Concat(model.SourceRefs.Select(s => Node.SourceId(p, s.Source, s.Table)))
                .OrderBy(id => id, StringComparer.Ordinal).ToList();
            var edges = model.RefSpans.ToDictionary(r => seedNames.Contains(r.Key) ? Node.SeedId(p, r.Key) : Node.ModelId(p, r.Key), r => r.Value, StringComparer.Ordinal);
            nodes.Add(new Node(Node.ModelId(p, model.Name), NodeKind.Model, model.Name, model.Path, model.Tags, parents) { EdgeSpans = edges });
        }
        if (project.Identity is { } identity)
        {
            nodes.Add(IdentityNode(project.Name, identity));
            nodes.AddRange(PropertyNodes(project, seedNames));
        }
        foreach (var test in TestCatalog.For(project))
            nodes.Add(new Node(Node.TestId(p, test.Name), NodeKind.Test, test.Name, test.Path, Array.Empty<string>(), test.Parents));
        return new Dag(nodes);
    }

    /// <summary>A node per property model (after its relation and identity) and per destination (after its models).</summary>
    private static IEnumerable<Node> PropertyNodes(Project project, HashSet<string> seedNames)
    {
        var p = project.Name;
        foreach (var model in project.Properties)
        {
            var from = model.From.Value;
            var parent = seedNames.Contains(from) ? Node.SeedId(p, from)
                : from.Contains('.') ? Node.SourceId(p, from.Split('.')[0], from.Split('.')[1])
                : Node.ModelId(p, from);
            yield return new Node(Node.PropertyId(p, model.Name.Value), NodeKind.Property, model.Name.Value, model.Span.File,
                Array.Empty<string>(), new[] { Node.IdentityId(p), parent }.Order(StringComparer.Ordinal).ToList()) { NameSpan = model.Name.Span };
        }
        foreach (var destination in project.Destinations)
        {
            var parents = PropertySelection.Models(project, destination).Select(m => Node.PropertyId(p, m.Name.Value))
                .Append(Node.IdentityId(p)).ToList();
            if (destination.Type.Value == DestinationSpec.Mirror && destination.Events?.Value is { } events)
            {
                // amplitude_mirror reads its events relation, not property tables.
                parents = [Node.IdentityId(p), seedNames.Contains(events) ? Node.SeedId(p, events)
                    : events.Contains('.') ? Node.SourceId(p, events.Split('.')[0], events.Split('.')[1]) : Node.ModelId(p, events)];
            }
            parents = parents.Distinct().Order(StringComparer.Ordinal).ToList();
            yield return new Node(Node.PushId(p, destination.Name.Value), NodeKind.Push, destination.Name.Value, destination.Name.Span.File,
                Array.Empty<string>(), parents) { NameSpan = destination.Name.Span };
        }
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
