using System.CommandLine;
using Pipes.Core.Tasks;

namespace Pipes.Cli.Commands;

public static class ParityCommand
{
    public static Command Create()
    {
        var with = new Option<string>("--with") { Description = "The other output of the profile to compare with, e.g. local", Required = true };
        var build = new Option<bool>("--build") { Description = "Seed and run the project on both targets first (no tests, no push)" };
        var command = new Command("parity", "Compare the identity and property tables of two targets (e.g. Snowflake and DuckDB) row for row; exit 1 on a difference");
        command.Options.Add(with);
        command.Options.Add(build);
        CommonOptions.AddProjectOptions(command, selection: false);
        command.SetAction((result, cancellationToken) => Guard.RunAsync(() =>
            ParityTask.ExecuteAsync(CommonOptions.Read(result), result.GetValue(with)!, result.GetValue(build), CommonOptions.Output(result), cancellationToken)));
        return command;
    }
}
