using Pipes.Core.Load;
using Pipes.Core.Run;
using Pipes.Core.Run.Targets.DuckDb;

namespace Pipes.Core.Tasks;

/// <summary>Opens the engine a profile output names.</summary>
public static class TargetFactory
{
    public static ITarget Open(Project project)
    {
        var path = project.Output.Get("path") ?? Path.Combine(project.Spec.TargetPath, "pipes.duckdb");
        return project.Dialect.Name switch
        {
            "duckdb" => DuckDbTarget.Open(path == ":memory:" ? path : Path.Combine(project.RootDirectory, path)),
            _ => throw new NotSupportedException($"running on {project.Dialect.Name} is not available in this build; use 'pipes compile --target {project.Output.Name}'"),
        };
    }
}
