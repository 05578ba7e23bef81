using System.CommandLine;
using Pipes.Core.Tasks;
using Pipes.Core.Push;

namespace Pipes.Cli.Commands;

public static class PushCommand
{
    private static readonly Option<string?> Destination = new("--destination") { Description = "Push only this destination (default: all)" };
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Write the request bodies to target/push/<destination>.jsonl; send nothing, change no state" };
    private static readonly Option<bool> FullResync = new("--full-resync") { Description = "Send every row with all its values, whatever was pushed before" };

    public static Command Create()
    {
        var command = new Command("push", "Send changed user properties to each Amplitude destination");
        CommonOptions.AddProjectOptions(command, selection: false);
        command.Options.Add(Destination);
        command.Options.Add(DryRun);
        command.Options.Add(FullResync);
        command.SetAction((result, cancellationToken) => Guard.RunAsync(() => PushTask.ExecuteAsync(CommonOptions.Read(result),
            new PushSettings { Destination = result.GetValue(Destination), DryRun = result.GetValue(DryRun), FullResync = result.GetValue(FullResync) },
            CommonOptions.Output(result), cancellationToken)));
        return command;
    }
}
