using Pipes.Core.Artifacts;
using Pipes.Core.Compile;
using Pipes.Core.Diagnostics;
using Pipes.Core.Load;
using Pipes.Core.Plan;
using Pipes.Core.Templating;

namespace Pipes.Core.Tasks;

/// <summary>Load, plan and compile, stopping between stages when a stage reported an error.</summary>
public sealed record ProjectSession(Project Project, ExecutionPlan Plan, IReadOnlyList<CompiledNode> Compiled)
{
    public static ProjectSession? Open(CommandOptions options, TaskOutput output)
    {
        var (project, bag) = ProjectLoader.Load(options.ProjectDirectory, options.ToLoadOptions());
        if (options.Defer && options.State is null)
            bag.Error(DiagnosticCodes.DeferWithoutState, SourceSpan.None, "--defer reads a previous run's relations, but no --state was given",
                "pass --state <folder holding the previous run's manifest.json>");
        var manifest = project is null || bag.HasErrors || options.State is null ? null : StateManifest.Read(options.State, bag);
        TemplateCatalog? catalog = project is null || bag.HasErrors ? null : new TemplateCatalog(project.RootDirectory, bag);
        var state = manifest is null || bag.HasErrors ? null : Compare(project!, catalog!, manifest);
        var plan = project is null || bag.HasErrors ? null : Planner.Plan(project, options.Select, options.Exclude, bag, state);
        IReadOnlyList<CompiledNode>? compiled = null;
        if (project is not null && plan is not null && !bag.HasErrors)
        {
            var deferred = options.Defer && manifest is not null ? Deferred(plan, manifest, output) : new Dictionary<string, string>();
            var compiler = new Compiler(project, catalog!, new CompileOptions { FullRefresh = options.FullRefresh, Deferred = deferred });
            compiled = compiler.CompileAll(plan.Selected, bag);
        }
        output.Diagnostics(bag);
        return bag.HasErrors || compiled is null ? null : new ProjectSession(project!, plan!, compiled);
    }

    /// <summary>
    /// Compiles every node (its diagnostics are left to the real compile: a node that fails here counts as modified)
    /// and compares each with the state manifest's record of it.
    /// </summary>
    private static StateSelection Compare(Project project, TemplateCatalog catalog, StateManifest manifest)
    {
        var scratch = new DiagnosticBag();
        var all = Planner.Plan(project, [], [], scratch);
        var nodes = all?.Selected ?? [];
        var compiled = new Compiler(project, catalog, new CompileOptions()).CompileAll(nodes, scratch).ToDictionary(c => c.Node.Id, StringComparer.Ordinal);
        var added = new HashSet<string>(StringComparer.Ordinal);
        var modified = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (!manifest.Nodes.TryGetValue(node.Id, out var before))
            {
                added.Add(node.Id);
                modified.Add(node.Id);
                continue;
            }
            if (NodeFingerprint.Of(project, node, compiled.GetValueOrDefault(node.Id)).DifferenceFrom(before.Fingerprint) is not null) modified.Add(node.Id);
        }
        return new StateSelection(manifest.Path, added, modified);
    }

    /// <summary>The unselected models and seeds the state has a relation for, by name; says which selected nodes read them.</summary>
    private static Dictionary<string, string> Deferred(ExecutionPlan plan, StateManifest manifest, TaskOutput output)
    {
        var selected = plan.Selected.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var deferred = plan.Order
            .Where(n => n.Kind is NodeKind.Model or NodeKind.Seed && !selected.Contains(n.Id))
            .Where(n => manifest.Nodes.TryGetValue(n.Id, out var s) && !string.IsNullOrEmpty(s.Relation))
            .ToDictionary(n => n.Name, n => manifest.Nodes[n.Id].Relation!, StringComparer.Ordinal);
        var used = plan.Selected.Where(n => n.Kind == NodeKind.Model).SelectMany(n => n.DependsOn)
            .Where(id => !selected.Contains(id) && plan.Graph.Contains(id) && deferred.ContainsKey(plan.Graph[id].Name))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        if (used.Count > 0)
            output.Info($"--defer: {used.Count} unselected node{(used.Count == 1 ? "" : "s")} read from {manifest.Path}: " +
                        string.Join(", ", used.Select(id => $"{plan.Graph[id].Name} -> {deferred[plan.Graph[id].Name]}")),
                ("event", "deferred"), ("nodes", used));
        return deferred;
    }
}
