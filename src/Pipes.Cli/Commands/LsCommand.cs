using System.CommandLine;
using Pipes.Core.Tasks;

namespace Pipes.Cli.Commands;

public static class LsCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--output", "-o") { Description = "id (default), name, path or json (one object a line)", DefaultValueFactory = _ => "id" };
        format.AcceptOnlyFromAmong([.. LsTask.Outputs]);
        var types = new Option<string[]>("--resource-type") { Description = "Only these kinds: " + string.Join(", ", LsTask.ResourceTypes), AllowMultipleArgumentsPerToken = true };
        types.AcceptOnlyFromAmong([.. LsTask.ResourceTypes]);
        var command = new Command("ls", "List the selected nodes in run order");
        CommonOptions.AddProjectOptions(command);
        command.Options.Add(format);
        command.Options.Add(types);
        command.SetAction(result => Guard.Run(() => LsTask.Execute(CommonOptions.Read(result), CommonOptions.Output(result),
            result.GetValue(format)!, result.GetValue(types) ?? [])));
        return command;
    }
}
