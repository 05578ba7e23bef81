using System.CommandLine;
using Pipes.Core.Tasks;

namespace Pipes.Cli.Commands;

/// <summary><c>run</c>, <c>seed</c> and <c>build</c> share one task and differ in which nodes they execute.</summary>
public static class RunCommand
{
    public static Command Create(string name, string description)
    {
        var command = new Command(name, description);
        CommonOptions.AddProjectOptions(command);
        command.Options.Add(CommonOptions.FullRefresh);
        command.Options.Add(CommonOptions.FailFast);
        command.Options.Add(CommonOptions.Threads);
        command.SetAction((result, cancellationToken) => Guard.RunAsync(() =>
            RunTask.ExecuteAsync(name, CommonOptions.Read(result), CommonOptions.Output(result), cancellationToken)));
        return command;
    }
}
