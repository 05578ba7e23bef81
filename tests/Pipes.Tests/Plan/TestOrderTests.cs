using System.Globalization;
using System.Text;
using Pipes.Core.Diagnostics;
using Pipes.Core.Load;
using Pipes.Core.Plan;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Plan;

/// <summary>
/// The run order puts each data test right after the last node it reads (dbt build's order), tests freed by the same
/// node in their topological order. Checked on a generated graph against the rule written the plain way.
/// </summary>
public sealed class TestOrderTests
{
    [Fact]
    public void Each_test_runs_right_after_the_last_node_it_reads()
    {
        using var project = Generated(models: 300, seed: 7);
        var (loaded, bag) = ProjectLoader.Load(project.Root, new LoadOptions { ProfilesDirectory = project.Root, Environment = _ => null });
        loaded.ShouldNotBeNull(string.Join("\n", bag.Items));

        var plan = Planner.Plan(loaded, [], [], bag)!;

        plan.ShouldNotBeNull(string.Join("\n", bag.Items));
        var topological = plan.Graph.TopologicalOrder(new DiagnosticBag())!;
        var tests = topological.Count(n => n.Kind == NodeKind.Test);
        tests.ShouldBeGreaterThan(500); // relationships tests have two parents, freed by the later one
        plan.Order.Count.ShouldBe(topological.Count);
        plan.Order.Select(n => n.Id).ShouldBe(Reference(topological).Select(n => n.Id));
        for (var i = 0; i < plan.Order.Count; i++)
        {
            if (plan.Order[i].Kind != NodeKind.Test) continue;
            var last = plan.Order.Take(i).Last(n => n.Kind != NodeKind.Test);
            plan.Order[i].DependsOn.ShouldContain(last.Id);
            plan.Order[i].DependsOn.ShouldAllBe(p => plan.Order.Take(i).Any(n => n.Id == p));
        }
    }

    /// <summary>The rule as first written: after each node, every pending test whose parents are all placed.</summary>
    private static List<Node> Reference(IReadOnlyList<Node> order)
    {
        var pending = order.Where(n => n.Kind == NodeKind.Test).ToList();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Node>();
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

    /// <summary>Models each reading one or two earlier ones, with not_null tests and relationships to a random earlier model.</summary>
    private static TestProject Generated(int models, int seed)
    {
        var random = new Random(seed);
        var files = new Dictionary<string, string> { ["pipes_project.yml"] = "name: t\n" };
        var yaml = new StringBuilder("models:\n");
        for (var i = 0; i < models; i++)
        {
            files[$"models/m{i}.sql"] = i == 0 ? "SELECT 1 AS id"
                : random.Next(3) == 0 ? $"SELECT a.id FROM {{{{ ref \"m{random.Next(i)}\" }}}} AS a JOIN {{{{ ref \"m{random.Next(i)}\" }}}} AS b USING (id)"
                : $"SELECT id FROM {{{{ ref \"m{random.Next(i)}\" }}}}";
            yaml.Append(CultureInfo.InvariantCulture, $"  - name: m{i}\n    columns:\n      - name: id\n        tests:\n          - not_null\n");
            if (i > 0) yaml.Append(CultureInfo.InvariantCulture, $"          - relationships: {{to: m{random.Next(models)}, field: id}}\n");
        }
        files["models/schema.yml"] = yaml.ToString();
        return new TestProject(files);
    }
}
