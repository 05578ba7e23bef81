
namespace Pipes.Core.Load;

/// <summary>Where each model, seed and source lives in the target, quoted by the project's dialect.</summary>
public sealed class RelationNames(Project project)
{
    public string Model(string name) =>
        project.Dialect.Relation(project.Output.Database, project.Output.Schema, name);

    public string Source(string source, string table)
    {
        var spec = project.Sources.First(s => s.Name.Value == source);
        var tableSpec = spec.Tables.First(t => t.Name.Value == table);
        return project.Dialect.Relation(spec.Database, spec.Schema, tableSpec.Identifier);
    }
}
