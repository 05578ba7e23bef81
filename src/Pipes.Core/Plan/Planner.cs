using Pipes.Core.Diagnostics;
using Pipes.Core.Load;

namespace Pipes.Core.Plan;

/// <summary>Builds the graph, orders it and applies <c>--select</c> / <c>--exclude</c>.</summary>
public static class Planner
{
    public static ExecutionPlan? Plan(Project project, IReadOnlyList<string> select, IReadOnlyList<string> exclude, DiagnosticBag bag)
    {
        var graph = GraphBuilder.Build(project);
        var order = graph.TopologicalOrder(bag) is { } sorted ? TestsAfterTheirParents(sorted) : null;
        var includes = SelectorParser.Parse(select, "--select", bag);
        var excludes = SelectorParser.Parse(exclude, "--exclude", bag);
        if (order is null || bag.HasErrors) return null;

        var chosen = includes.Count == 0
            ? graph.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal)
            : includes.SelectMany(s => Resolve(graph, s, "--select", bag)).ToHashSet(StringComparer.Ordinal);
        chosen.ExceptWith(excludes.SelectMany(s => Resolve(graph, s, "--exclude", bag)));
        var selected = order.Where(n => n.IsExecutable && chosen.Contains(n.Id)).ToList();
        if (bag.HasErrors) return null;
        return new ExecutionPlan(graph, order, selected);
    }

    /// <summary>
    /// Puts each test right after the last node it reads (dbt build's order), so a failing error-level test can still
    /// keep the nodes downstream of what it tested from running.
    /// </summary>
    private static IReadOnlyList<Node> TestsAfterTheirParents(IReadOnlyList<Node> order)
    {
        var pending = order.Where(n => n.Kind == NodeKind.Test).ToList();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Node>(order.Count);
        foreach (var node in order.Where(n => n.Kind != NodeKind.Test))
        {
            result.Add(node);
            placed.Add(node.Id);
            var ready = pending.Where(t => t.DependsOn.All(placed.Contains)).ToList();
            result.AddRange(ready);
            pending.RemoveAll(ready.Contains);
        }
        return result;
    }

    private static IEnumerable<string> Resolve(Dag graph, Selector selector, string option, DiagnosticBag bag)
    {
        var matches = graph.Nodes.Where(n => Matches(n, selector)).Select(n => n.Id).ToList();
        if (matches.Count == 0)
        {
            var candidates = selector.Method switch
            {
                "tag" => graph.Nodes.SelectMany(n => n.Tags).Distinct(),
                "source" => graph.Nodes.Where(n => n.Kind == NodeKind.Source).Select(n => n.Name.Split('.')[0]).Distinct(),
                _ => graph.Nodes.Select(n => n.Name),
            };
            bag.Error(DiagnosticCodes.BadSelector, SourceSpan.None, $"{option} '{selector.Text}' matches nothing", DidYouMean.Hint(selector.Value, candidates));
            return matches;
        }
        var result = new HashSet<string>(matches, StringComparer.Ordinal);
        foreach (var id in matches)
        {
            if (selector.Parents) result.UnionWith(graph.Ancestors(id));
            if (selector.Children) result.UnionWith(graph.Descendants(id));
        }
        return result;
    }

    private static bool Matches(Node node, Selector selector) => selector.Method switch
    {
        "tag" => node.Tags.Contains(selector.Value),
        "path" => node.Path == selector.Value || node.Path.StartsWith(selector.Value.TrimEnd('/') + "/", StringComparison.Ordinal),
        "source" => node.Kind == NodeKind.Source && (node.Name == selector.Value || node.Name.StartsWith(selector.Value + ".", StringComparison.Ordinal)),
        "resource_type" => node.Kind.ToString().Equals(selector.Value, StringComparison.OrdinalIgnoreCase),
        _ => node.Name == selector.Value || (node.Kind == NodeKind.Source && node.Name == selector.Value),
    };
}
