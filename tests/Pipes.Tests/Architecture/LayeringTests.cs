using System.Text.RegularExpressions;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Architecture;

/// <summary>
/// The folders of src/Pipes.Core are layers: each file's namespace is its folder, no two folders use each other
/// (directly or round a cycle), and every use between folders is one docs/architecture.md allows. The allowed uses
/// are the "layers" block of that file: one line per folder, <c>Folder -> A, B</c>; a folder may use the folders it
/// names and, through them, everything they may use.
/// </summary>
public sealed partial class LayeringTests
{
    private static readonly Lazy<FolderGraph> Graph = new(() => FolderGraph.Read(Path.Combine(RepoPaths.Root, "src", "Pipes.Core")));

    [Fact]
    public void The_source_compiles_for_the_analysis()
    {
        // A name that does not bind is a use the other tests cannot see.
        Graph.Value.CompileErrors.Select(e => e.ToString()).ShouldBeEmpty();
    }

    [Fact]
    public void Each_file_declares_the_namespace_of_its_folder()
    {
        var wrong = Graph.Value.DeclaredNamespaces
            .Where(f => f.Value.Count != 1 || f.Value[0] != FolderGraph.NamespaceOf(FolderGraph.FolderOf(f.Key)))
            .Select(f => $"{f.Key} declares {(f.Value.Count == 0 ? "no namespace" : string.Join(", ", f.Value))}; its folder is {FolderGraph.NamespaceOf(FolderGraph.FolderOf(f.Key))}")
            .ToList();

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void No_cycle_between_folders()
    {
        var edges = Graph.Value.Uses.ToDictionary(u => u.Key, u => (IEnumerable<string>)u.Value.Keys, StringComparer.Ordinal);

        var cycle = FolderGraph.FindCycle(edges);

        cycle.ShouldBeNull(cycle is null ? "" : "folders use each other: " + string.Join(" → ", cycle) + "\n" + Examples(cycle));
    }

    [Fact]
    public void Folders_use_only_what_docs_architecture_allows()
    {
        var allowed = Closure(ReadLayers());
        var refused = new List<string>();
        foreach (var (from, targets) in Graph.Value.Uses)
        {
            foreach (var (to, examples) in targets)
            {
                if (allowed.TryGetValue(from, out var may) && may.Contains(to)) continue;
                refused.Add($"{from} may not use {to} (docs/architecture.md): {string.Join("; ", examples.Take(3))}");
            }
        }

        refused.ShouldBeEmpty();
    }

    [Fact]
    public void Docs_architecture_names_every_folder_and_only_those()
    {
        var layers = ReadLayers();
        var folders = Graph.Value.DeclaredNamespaces.Keys.Select(FolderGraph.FolderOf).ToHashSet(StringComparer.Ordinal);

        folders.Except(layers.Keys).Order(StringComparer.Ordinal).ShouldBeEmpty("folders of src/Pipes.Core missing from the layers block of docs/architecture.md");
        layers.Keys.Except(folders).Order(StringComparer.Ordinal).ShouldBeEmpty("folders in docs/architecture.md that src/Pipes.Core does not have");
        FolderGraph.FindCycle(layers.ToDictionary(l => l.Key, l => (IEnumerable<string>)l.Value)).ShouldBeNull("the layers block itself has a cycle");
    }

    [Fact]
    public void A_cycle_is_found_and_named()
    {
        var edges = new Dictionary<string, IEnumerable<string>>
        {
            ["Load"] = ["Yaml", "Compile"],
            ["Compile"] = ["Plan"],
            ["Plan"] = ["Load"],
            ["Yaml"] = [],
        };

        FolderGraph.FindCycle(edges).ShouldBe(["Compile", "Plan", "Load", "Compile"]);
        FolderGraph.FindCycle(new Dictionary<string, IEnumerable<string>> { ["Load"] = ["Yaml"], ["Yaml"] = [] }).ShouldBeNull();
    }

    private static string Examples(IReadOnlyList<string> cycle) =>
        string.Join("\n", cycle.Zip(cycle.Skip(1)).Select(e => $"  {e.First} → {e.Second}: {string.Join("; ", Graph.Value.Uses[e.First][e.Second].Take(3))}"));

    /// <summary>The block between the layers markers of docs/architecture.md: <c>Folder -> A, B</c> or <c>Folder -> -</c>.</summary>
    private static Dictionary<string, IReadOnlyList<string>> ReadLayers()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "architecture.md"));
        var block = LayersBlock().Match(text);
        block.Success.ShouldBeTrue("docs/architecture.md has no ```layers block");
        var layers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var raw in block.Groups[1].Value.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0) continue;
            var parts = line.Split("->");
            parts.Length.ShouldBe(2, $"docs/architecture.md layers line '{raw}' is not 'Folder -> A, B'");
            var uses = parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(u => u != "-").ToList();
            layers.TryAdd(parts[0].Trim(), uses).ShouldBeTrue($"docs/architecture.md lists {parts[0].Trim()} twice");
        }
        return layers;
    }

    private static Dictionary<string, HashSet<string>> Closure(Dictionary<string, IReadOnlyList<string>> layers)
    {
        var closure = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var folder in layers.Keys)
        {
            var reach = new HashSet<string>(StringComparer.Ordinal);
            var todo = new Stack<string>(layers[folder]);
            while (todo.TryPop(out var next))
            {
                if (!reach.Add(next)) continue;
                foreach (var further in layers.TryGetValue(next, out var n) ? n : []) todo.Push(further);
            }
            closure[folder] = reach;
        }
        return closure;
    }

    [GeneratedRegex(@"```layers\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex LayersBlock();
}
