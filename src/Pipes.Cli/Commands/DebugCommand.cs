using System.CommandLine;
using Pipes.Core.Tasks;

namespace Pipes.Cli.Commands;

public static class DebugCommand
{
    public static Command Create()
    {
        var command = new Command("debug", "Check the project, the profile and the connection, and say what is wrong");
        CommonOptions.AddProjectOptions(command, selection: false);
        command.SetAction((result, cancellationToken) => Guard.RunAsync(() =>
            DebugTask.ExecuteAsync(CommonOptions.Read(result), CommonOptions.Output(result), cancellationToken)));
        return command;
    }
}
