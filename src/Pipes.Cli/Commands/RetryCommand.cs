using System.CommandLine;
using Pipes.Core.Tasks;

namespace Pipes.Cli.Commands;

public static class RetryCommand
{
    public static Command Create()
    {
        // Target, vars, selection and flags come from the last run's run_results.json, so only where the project is can be given.
        var command = new Command("retry", "Rerun the nodes that failed or were skipped in the last run, build, seed or test, with its selection, target and vars");
        command.Options.Add(CommonOptions.ProjectDir);
        command.Options.Add(CommonOptions.ProfilesDir);
        command.SetAction((result, cancellationToken) => Guard.RunAsync(() =>
            RetryTask.ExecuteAsync(CommonOptions.Read(result), CommonOptions.Output(result), cancellationToken)));
        return command;
    }
}
