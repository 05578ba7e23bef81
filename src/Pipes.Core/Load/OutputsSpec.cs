using Pipes.Core.Diagnostics;
using Pipes.Core.Identity;
using Pipes.Core.Properties;
using Pipes.Core.Yaml;

namespace Pipes.Core.Load;

/// <summary>
/// <c>outputs:</c> of <c>pipes_project.yml</c>: how published outputs (identity, property and push tables) are
/// created. <see cref="ChangeTracking"/> is the default; <see cref="Tables"/> overrides it per table name.
/// </summary>
public sealed record OutputsSpec(bool ChangeTracking, IReadOnlyDictionary<string, Located<bool>> Tables)
{
    public static readonly OutputsSpec Default = new(true, new Dictionary<string, Located<bool>>());

    public bool ChangeTrackingFor(string table) => Tables.TryGetValue(table, out var set) ? set.Value : ChangeTracking;

    /// <summary>Each table named under <c>outputs.tables</c> must be one the project publishes; a misspelt name is an error, not ignored.</summary>
    public static void Validate(Project project, DiagnosticBag bag)
    {
        if (project.Spec.Outputs.Tables.Count == 0) return;
        var known = new SortedSet<string>(StringComparer.Ordinal);
        if (project.Identity is not null) known.UnionWith(new[] { IdentityOutputs.Graph, IdentityOutputs.Refused, IdentityOutputs.Profiles });
        known.UnionWith(project.Properties.Select(p => PublishedTables.Property(p.Name.Value)));
        known.UnionWith(project.Destinations.Select(d => PublishedTables.Push(d.Name.Value)));
        foreach (var (name, setting) in project.Spec.Outputs.Tables)
        {
            if (known.Contains(name)) continue;
            bag.Error(DiagnosticCodes.UnknownOutput, setting.Span, $"outputs.tables names '{name}', which this project does not publish",
                known.Count == 0 ? "this project publishes no output tables" : "published tables: " + string.Join(", ", known));
        }
    }

    public static OutputsSpec Read(MappingReader? reader)
    {
        if (reader is null) return Default;
        var changeTracking = reader.Bool("change_tracking")?.Value ?? true;
        var tables = new Dictionary<string, Located<bool>>(StringComparer.Ordinal);
        if (reader.Mapping("tables") is { } mapping)
        {
            foreach (var (key, _) in mapping.Entries().ToList())
            {
                var table = mapping.Mapping(key.Value);
                if (table?.Bool("change_tracking") is { } set) tables[key.Value] = set;
                table?.Finish();
            }
            mapping.Finish();
        }
        reader.Finish();
        return new OutputsSpec(changeTracking, tables);
    }
}
