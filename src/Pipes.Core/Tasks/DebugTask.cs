using Pipes.Core.Load;
using Pipes.Core.Targets.Snowflake;

namespace Pipes.Core.Tasks;

/// <summary><c>pipes debug</c>: is the project readable, the profile complete, the warehouse reachable? Says what to fix.</summary>
public static class DebugTask
{
    public static async Task<int> ExecuteAsync(CommandOptions options, TaskOutput output, CancellationToken cancellationToken)
    {
        var (project, bag) = ProjectLoader.Load(options.ProjectDirectory, options.ToLoadOptions());
        output.Diagnostics(bag);
        if (project is null || bag.HasErrors) return ExitCodes.Failure;
        output.Info($"project {project.Name}: {project.Models.Count} models, {project.Seeds.Count} seeds, {project.Sources.Sum(s => s.Tables.Count)} source tables",
            ("event", "debug"), ("check", "project"), ("status", "ok"));
        var findings = await TargetFactory.CheckAsync(project, cancellationToken);
        foreach (var f in findings)
        {
            var status = f.Status == FindingStatus.Ok ? "ok" : "problem";
            output.Info($"{(f.Status == FindingStatus.Ok ? "OK     " : "PROBLEM")} {f.Check}: {f.Message}{(f.Fix is null ? "" : " Fix: " + f.Fix)}",
                ("event", "debug"), ("check", f.Check), ("status", status), ("fix", f.Fix));
        }
        return findings.Any(f => f.Status == FindingStatus.Problem) ? ExitCodes.Failure : ExitCodes.Success;
    }
}
