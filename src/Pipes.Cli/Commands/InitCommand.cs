using System.CommandLine;
using Pipes.Core.Tasks;

namespace Pipes.Cli.Commands;

public static class InitCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("directory") { Description = "Folder to create the project in (must be empty or missing)" };
        var command = new Command("init", "Scaffold a project that compiles and runs on embedded DuckDB");
        command.Arguments.Add(directory);
        command.SetAction(result => Guard.Run(() => InitTask.Execute(result.GetValue(directory)!, CommonOptions.Output(result))));
        return command;
    }
}
