using Pipes.Core.Diagnostics;

namespace Pipes.Core.Load;

/// <summary>
/// <c>outputs:</c> of <c>pipes_project.yml</c>: how published outputs (identity, property and push tables) are
/// created. <see cref="ChangeTracking"/> is the default; <see cref="Tables"/> overrides it per table name.
/// </summary>
public sealed record OutputsSpec(bool ChangeTracking, IReadOnlyDictionary<string, Located<bool>> Tables)
{
    public static readonly OutputsSpec Default = new(true, new Dictionary<string, Located<bool>>());

    public bool ChangeTrackingFor(string table) => Tables.TryGetValue(table, out var set) ? set.Value : ChangeTracking;

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
