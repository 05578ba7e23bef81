using Pipes.Core.Load;
using Pipes.Core.DataTests;

namespace Pipes.Core.Plan;

/// <summary>Names every test of a project once, so the graph and the compiler agree on them.</summary>
public static class TestCatalog
{
    public static readonly IReadOnlyList<(string Name, string Severity)> IdentityTests = new[]
    {
        ("identity_limits", "error"),
        ("identity_one_profile_per_id", "error"),
        ("identity_profile_size_warn", "warn"),
        ("identity_profile_size_error", "error"),
        ("identity_resolved_share", "error"),
    };

    public static IReadOnlyList<TestDefinition> For(Project project)
    {
        var p = project.Name;
        var seeds = project.Seeds.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        string NodeOf(string relation) => relation.Contains('.')
            ? Node.SourceId(p, relation.Split('.')[0], relation.Split('.')[1])
            : seeds.Contains(relation) ? Node.SeedId(p, relation) : Node.ModelId(p, relation);

        var tests = new List<TestDefinition>();
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var spec in project.DataTests)
        {
            var owner = spec.Owner.Kind == "source" ? NodeOf($"{spec.Owner.Name}.{spec.Owner.Table}") : NodeOf(spec.Owner.Name);
            var parents = spec.To is null ? new[] { owner } : new[] { owner, NodeOf(spec.To.Value) };
            var name = $"{spec.Kind.Value}_{spec.Owner.Label.Replace('.', '_')}{(spec.Column is null ? "" : "_" + spec.Column.Value)}";
            used[name] = used.GetValueOrDefault(name) + 1;
            if (used[name] > 1) name += "_" + used[name];
            tests.Add(new TestDefinition(name, spec, null, spec.Severity.Value, parents.Distinct().Order(StringComparer.Ordinal).ToList(), spec.Span.File));
        }
        if (project.Identity is { } identity)
        {
            foreach (var (name, severity) in IdentityTests)
                tests.Add(new TestDefinition(name, null, name, severity, new[] { Node.IdentityId(p) }, identity.Span.File));
        }
        return tests;
    }
}
