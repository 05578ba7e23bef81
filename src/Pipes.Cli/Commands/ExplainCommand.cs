using System.CommandLine;
using Pipes.Core.Tasks;

namespace Pipes.Cli.Commands;

public static class ExplainCommand
{
    public static Command Create()
    {
        var identifier = new Argument<string>("identifier") { Description = "type:value, e.g. email:ann@example.com" };
        var to = new Option<string?>("--to") { Description = "Another member (type:value) to explain the link to (default: the canonical member)" };
        var command = new Command("explain", "Show the profile of an identifier, the chain of links that joined it, and what was refused");
        command.Arguments.Add(identifier);
        command.Options.Add(to);
        CommonOptions.AddProjectOptions(command, selection: false);
        command.SetAction((result, cancellationToken) => Guard.RunAsync(() =>
            ExplainTask.ExecuteAsync(CommonOptions.Read(result), result.GetValue(identifier)!, result.GetValue(to), CommonOptions.Output(result), cancellationToken)));
        return command;
    }
}
