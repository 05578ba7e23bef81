using Pipes.Core.Load;
using Pipes.Core.Run;
using Pipes.Core.Run.Targets.Snowflake;

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
        var findings = project.Dialect.Name == "snowflake"
            ? await SnowflakeCheck(project).RunAsync(cancellationToken)
            : await CheckDuckDbAsync(project, cancellationToken);
        foreach (var f in findings)
        {
            var status = f.Status == FindingStatus.Ok ? "ok" : "problem";
            output.Info($"{(f.Status == FindingStatus.Ok ? "OK     " : "PROBLEM")} {f.Check}: {f.Message}{(f.Fix is null ? "" : " Fix: " + f.Fix)}",
                ("event", "debug"), ("check", f.Check), ("status", status), ("fix", f.Fix));
        }
        return findings.Any(f => f.Status == FindingStatus.Problem) ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static SnowflakeConnectionCheck SnowflakeCheck(Project project)
    {
        var settings = TargetFactory.SnowflakeSettingsOf(project.Output);
        return new SnowflakeConnectionCheck(settings, required: SnowflakePrivileges.Required(project, settings));
    }

    private static async Task<IReadOnlyList<ConnectionFinding>> CheckDuckDbAsync(Project project, CancellationToken cancellationToken)
    {
        var path = TargetFactory.DuckDbPath(project);
        try
        {
            await using var target = TargetFactory.Open(project);
            var version = await target.ExecuteAsync("SELECT version()", StatementContext.Adhoc(project.Name), cancellationToken);
            return new[] { ConnectionFinding.Ok("connect", $"DuckDB {version.Rows[0][0]} at {path}.") };
        }
        catch (Exception e) when (e is TargetException or IOException or DuckDB.NET.Data.DuckDBException)
        {
            return new[] { ConnectionFinding.Problem("connect", $"cannot open DuckDB at {path}: {e.Message}", "check the output's path, and that no other process holds the file") };
        }
    }
}
