using Pipes.Core.Compile;
using Pipes.Core.Load;
using Pipes.Core.Properties;

namespace Pipes.Core.RulePlan;

/// <summary>
/// The published outputs a plan compares and promotes, with their keys (docs/identity.md, Outputs): the identity
/// node's three, one per property model, one per <c>$identify</c> destination. The tables Amplitude reads
/// (<c>amplitude_profiles</c>, <c>amplitude_mirror</c>) are not among them: the next push publishes those.
/// </summary>
public static class PlannedOutputs
{
    public sealed record Output(string Name, IReadOnlyList<string> Key);

    public static IReadOnlyList<Output> Of(Project project)
    {
        var t = IdentitySqlModel.Tables;
        var outputs = new List<Output>
        {
            new(t["graph"], ["id_type", "id_value"]),
            new(t["refused"], ["from_type", "from_value", "to_type", "to_value"]),
            new(t["profiles"], ["profile_id"]),
        };
        outputs.AddRange(project.Properties.Select(p => new Output(PublishedTables.Property(p.Name.Value), ["profile_id"])));
        outputs.AddRange(project.Destinations.Where(d => !d.IsWarehouseTable).Select(d => new Output(PublishedTables.Push(d.Name.Value), ["profile_id", "user_id", "device_id"])));
        return outputs;
    }

    /// <summary>
    /// The publish model of <paramref name="output"/> from <paramref name="scratch"/> into <paramref name="live"/>:
    /// compared columns are the planned table's other columns, with their portable types (so arrays and JSON compare by content).
    /// </summary>
    public static PublishedOutput Publish(Project project, Output output, string nodeId, string live, string scratch, string changes, string counts,
        string columnTypes, IReadOnlyList<(string Column, string Type)> columns, bool dryRun)
    {
        var dialect = project.Dialect;
        var key = output.Key.Select(k => dialect.NormalizeIdentifier(k)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new PublishedOutput(output.Name, nodeId, live, scratch, changes, counts,
            output.Key.Select(dialect.Quote).ToList(),
            columns.Where(c => !key.Contains(c.Column)).Select(c => (dialect.Quote(c.Column), c.Type)).ToList(),
            project.Spec.Outputs.ChangeTrackingFor(output.Name))
        { DryRun = dryRun, ColumnTypes = columnTypes };
    }
}
