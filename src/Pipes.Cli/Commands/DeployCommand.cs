using System.CommandLine;
using Pipes.Core.Tasks;

namespace Pipes.Cli.Commands;

public static class DeployCommand
{
    public static Command Create()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the DDL (procedure, stream, task, resume) and connect to nothing" };
        var command = new Command("deploy", "Create a Snowflake stored procedure that runs the project (no seeds, no pushes) and a task that calls it on deploy.schedule");
        command.Options.Add(dryRun);
        CommonOptions.AddProjectOptions(command, selection: false);
        command.SetAction((result, cancellationToken) => Guard.RunAsync(() =>
            DeployTask.ExecuteAsync(CommonOptions.Read(result), result.GetValue(dryRun), CommonOptions.Output(result), cancellationToken)));
        return command;
    }
}
