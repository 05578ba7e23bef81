using Pipes.Core.Diagnostics;
using Pipes.Core.Load;

namespace Pipes.Core.Plan;

/// <summary>Builds the graph, orders it and applies <c>--select</c> / <c>--exclude</c>.</summary>
public static class Planner
{
    /// <param name="state">The comparison with <c>--state</c>'s manifest; null when no state was given (a <c>state:</c> term is then an error).</param>
    public static ExecutionPlan? Plan(Project project, IReadOnlyList<string> select, IReadOnlyList<string> exclude, DiagnosticBag bag, StateSelection? state = null)
    {
        var graph = GraphBuilder.Build(project);
        CheckSelectableNames(graph, bag);
        var order = graph.TopologicalOrder(bag) is { } sorted ? TestsAfterTheirParents(sorted) : null;
        var includes = SelectorParser.Parse(select, "--select", bag);
        var excludes = SelectorParser.Parse(exclude, "--exclude", bag);
        foreach (var term in includes.Concat(excludes).SelectMany(g => g.Terms).Where(t => t.Method == "state" && state is null))
            bag.Error(DiagnosticCodes.StateMissing, SourceSpan.None, $"'{term.Text}' compares with a previous run, but no --state was given",
                "pass --state <folder holding the previous run's manifest.json>, e.g. a copy of target/ from the last build");
        if (order is null || bag.HasErrors) return null;

        var chosen = includes.Count == 0
            ? graph.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal)
            : includes.SelectMany(g => Resolve(graph, g, "--select", state, bag)).ToHashSet(StringComparer.Ordinal);
        chosen.ExceptWith(excludes.SelectMany(g => Resolve(graph, g, "--exclude", state, bag)));
        var selected = order.Where(n => n.IsExecutable && chosen.Contains(n.Id)).ToList();
        if (bag.HasErrors) return null;
        return new ExecutionPlan(graph, order, selected);
    }

    /// <summary>A name a selector cannot write (a space, '+', ',', ':', '@' or a quote in it) is an error where the name is written.</summary>
    private static void CheckSelectableNames(Dag graph, DiagnosticBag bag)
    {
        foreach (var node in graph.Nodes.Where(n => n.Kind != NodeKind.Test && !SelectorParser.IsSelectable(n.Name)).OrderBy(n => n.Id, StringComparer.Ordinal))
        {
            var what = node.Kind.ToString().ToLowerInvariant();
            bag.Error(DiagnosticCodes.UnselectableName, node.NameSpan ?? SourceSpan.At(node.Path, 1, 1),
                $"{what} name '{node.Name}' cannot be selected: it holds a space or one of + , : @ ' \"",
                node.NameSpan is null ? "rename the file with letters, digits and underscores" : "use letters, digits and underscores");
        }
    }

    /// <summary>
    /// Puts each test right after the last node it reads (dbt build's order), so a failing error-level test can still
    /// keep the nodes downstream of what it tested from running.
    /// </summary>
    private static IReadOnlyList<Node> TestsAfterTheirParents(IReadOnlyList<Node> order)
    {
        // Each test counts its parents not placed yet and is listed under each of them: placing a node releases the
        // tests it was the last parent of. Linear in nodes and edges (a scan of every pending test per node was
        // nodes x tests). Tests released together keep their order in the topological order.
        var tests = order.Where(n => n.Kind == NodeKind.Test).ToList();
        var missing = new int[tests.Count];
        var waiting = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var result = new List<Node>(order.Count);
        var released = new List<int>();
        for (var t = 0; t < tests.Count; t++)
        {
            foreach (var parent in tests[t].DependsOn.Distinct(StringComparer.Ordinal))
            {
                missing[t]++;
                if (!waiting.TryGetValue(parent, out var list)) waiting[parent] = list = [];
                list.Add(t);
            }
            if (missing[t] == 0) released.Add(t); // no parent: after the first node placed
        }
        foreach (var node in order.Where(n => n.Kind != NodeKind.Test))
        {
            result.Add(node);
            if (waiting.TryGetValue(node.Id, out var list))
            {
                foreach (var t in list)
                {
                    if (--missing[t] == 0) released.Add(t);
                }
            }
            released.Sort();
            foreach (var t in released) result.Add(tests[t]);
            released.Clear();
        }
        return result;
    }

    /// <summary>The nodes every term of a comma group selects (each term with its graph operators applied).</summary>
    private static IEnumerable<string> Resolve(Dag graph, SelectorGroup group, string option, StateSelection? state, DiagnosticBag bag)
    {
        IEnumerable<string>? result = null;
        foreach (var term in group.Terms)
        {
            var nodes = Resolve(graph, term, option, state, bag);
            result = result is null ? nodes.ToList() : result.Intersect(nodes, StringComparer.Ordinal).ToList();
        }
        return result ?? [];
    }

    private static IEnumerable<string> Resolve(Dag graph, Selector selector, string option, StateSelection? state, DiagnosticBag bag)
    {
        var matches = graph.Nodes.Where(n => Matches(n, selector, state)).Select(n => n.Id).ToList();
        if (matches.Count == 0)
        {
            // Nothing changed since the state is an answer, not a mistake: the run then has nothing to do.
            if (selector.Method == "state") return matches;
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
            if (selector.Parents) result.UnionWith(graph.Ancestors(id, selector.ParentDepth));
            if (selector.Children) result.UnionWith(graph.Descendants(id, selector.ChildDepth));
        }
        // @name: what the children need too, so they can be built (dbt's "at" operator).
        if (selector.WithChildrenParents) result.UnionWith(result.ToList().SelectMany(id => graph.Ancestors(id, Selector.All)));
        return result;
    }

    private static bool Matches(Node node, Selector selector, StateSelection? state) => selector.Method switch
    {
        "state" => state is not null && (selector.Value == "new" ? state.New : state.Modified).Contains(node.Id),
        "tag" => node.Tags.Contains(selector.Value),
        "path" => node.Path == selector.Value || node.Path.StartsWith(selector.Value.TrimEnd('/') + "/", StringComparison.Ordinal),
        "source" => node.Kind == NodeKind.Source && (node.Name == selector.Value || node.Name.StartsWith(selector.Value + ".", StringComparison.Ordinal)),
        "resource_type" => node.Kind.ToString().Equals(selector.Value, StringComparison.OrdinalIgnoreCase),
        _ => node.Name == selector.Value || (node.Kind == NodeKind.Source && node.Name == selector.Value),
    };
}
