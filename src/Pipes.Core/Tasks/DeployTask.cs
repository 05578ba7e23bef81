using Pipes.Core.Compile;
using Pipes.Core.Deploy;
using Pipes.Core.Diagnostics;
using Pipes.Core.Targets;
using Pipes.Core.Templating;

namespace Pipes.Core.Tasks;

/// <summary>
/// <c>pipes deploy --target &lt;snowflake output&gt; [--dry-run]</c>: a stored procedure that runs the compiled project
/// (all but seeds and pushes) and a TASK that calls it on the project's <c>deploy.schedule</c>, optionally only when a
/// stream on an input holds changes (<see cref="DeployPlanner"/>). --dry-run prints the DDL and connects to nothing.
/// </summary>
public static class DeployTask
{
    public static async Task<int> ExecuteAsync(CommandOptions options, bool dryRun, TaskOutput output, CancellationToken cancellationToken)
    {
        // Every node of the project: a deployed schedule runs the whole project, never a selection.
        var session = ProjectSession.Open(options with { Select = [], Exclude = [], FullRefresh = false }, output);
        if (session is null) return ExitCodes.Failure;
        var bag = new DiagnosticBag();
        var catalog = new TemplateCatalog(session.Project.RootDirectory, bag);
        var statements = bag.HasErrors ? null : DeployPlanner.Plan(session.Project, session.Compiled, catalog, bag);
        output.Diagnostics(bag);
        if (statements is null) return ExitCodes.Failure;

        if (dryRun)
        {
            output.Info(Script(statements), ("event", "deploy_ddl"), ("statements", statements.Count));
            return ExitCodes.Success;
        }

        var project = session.Project;
        await using var target = TargetFactory.Open(project);
        foreach (var statement in statements)
        {
            try
            {
                await target.ExecuteAsync(statement.Sql, StatementContext.Adhoc(project.Name), cancellationToken);
            }
            catch (TargetException e)
            {
                output.Error($"{DiagnosticCodes.DeployStatementFailed}: creating the {statement.What} failed on '{project.Output.Name}': {e.Message}",
                    ("event", "deploy_failed"), ("step", statement.What));
                return ExitCodes.Failure;
            }
            output.Info($"deploy: {statement.What} done", ("event", "deploy_step"), ("step", statement.What));
        }
        output.Info($"deploy: task {DeployPlanner.TaskName(project)} calls {DeployPlanner.ProcedureName(project)} on '{project.Spec.Deploy!.Schedule!.Value}' ({project.Spec.Deploy.TimeZone?.Value ?? "UTC"}); it is resumed",
            ("event", "deployed"), ("task", DeployPlanner.TaskName(project)), ("procedure", DeployPlanner.ProcedureName(project)));
        return ExitCodes.Success;
    }

    /// <summary>The DDL as one script: each statement ended by ';' and a blank line.</summary>
    public static string Script(IReadOnlyList<DeployStatement> statements) =>
        string.Join("\n", statements.Select(s => s.Sql + ";\n"));
}
