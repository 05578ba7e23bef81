using System.CommandLine;
using Pipes.Core.Tasks;

namespace Pipes.Cli.Commands;

public static class LsCommand
{
    public static Command Create()
    {
        var command = new Command("ls", "List the selected nodes in run order");
        CommonOptions.AddProjectOptions(command);
        command.SetAction(result => Guard.Run(() => LsTask.Execute(CommonOptions.Read(result), CommonOptions.Output(result))));
        return command;
    }
}
