using System.CommandLine;
using Pipes.Core.Tasks;

namespace Pipes.Cli.Commands;

public static class CleanCommand
{
    public static Command Create()
    {
        var all = new Option<bool>("--all") { Description = "Delete DuckDB database files in the clean targets too (they hold the push state)" };
        var command = new Command("clean", "Delete the clean-targets folders of pipes_project.yml (default: target/)");
        command.Options.Add(CommonOptions.ProjectDir);
        command.Options.Add(all);
        command.SetAction(result => Guard.Run(() => CleanTask.Execute(CommonOptions.Read(result), result.GetValue(all), CommonOptions.Output(result))));
        return command;
    }
}
