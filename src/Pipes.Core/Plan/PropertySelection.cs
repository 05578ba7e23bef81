using Pipes.Core.Load;
using Pipes.Core.Properties;

namespace Pipes.Core.Plan;

/// <summary>Which property columns a destination sends: <c>crm.*</c>, <c>billing.plan</c>; no list means all of them.</summary>
public static class PropertySelection
{
    public static IReadOnlyList<(PropertyModelSpec Model, PropertyColumnSpec Column)> Columns(Project project, DestinationSpec destination)
    {
        var all = project.Properties.SelectMany(m => m.Columns.Select(c => (Model: m, Column: c)));
        if (destination.Properties.Count == 0) return all.ToList();
        return all.Where(pc => destination.Properties.Any(s =>
            s.Value == pc.Model.Name.Value + ".*" || s.Value == pc.Model.Name.Value || s.Value == $"{pc.Model.Name.Value}.{pc.Column.Column.Value}")).ToList();
    }

    public static IReadOnlyList<PropertyModelSpec> Models(Project project, DestinationSpec destination) =>
        Columns(project, destination).Select(pc => pc.Model).Distinct().ToList();
}
