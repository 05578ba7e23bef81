using System.CommandLine;
using Pipes.Core.Tasks;

namespace Pipes.Cli.Commands;

public static class IngestCommand
{
    private static readonly Option<string?> Start = new("--start") { Description = "First hour to ingest, YYYYMMDDTHH in UTC (default: the hour after the watermark)" };
    private static readonly Option<string?> End = new("--end") { Description = "Last hour to ingest, included (default: the last hour the Export API serves, now minus 3 h)" };
    private static readonly Option<string?> Source = new("--source") { Description = "The source with amplitude_export: to fill (default: the only one)" };

    public static Command Create()
    {
        var amplitude = new Command("amplitude", "Load hours of events from Amplitude's Export API into a source's events table; a re-run of an hour replaces it");
        CommonOptions.AddProjectOptions(amplitude, selection: false);
        amplitude.Options.Add(Start);
        amplitude.Options.Add(End);
        amplitude.Options.Add(Source);
        amplitude.SetAction((result, cancellationToken) => Guard.RunAsync(() => IngestTask.ExecuteAsync(CommonOptions.Read(result),
            new IngestSettings { Start = result.GetValue(Start), End = result.GetValue(End), Source = result.GetValue(Source) },
            CommonOptions.Output(result), cancellationToken)));
        var command = new Command("ingest", "Load data from outside into the warehouse");
        command.Subcommands.Add(amplitude);
        return command;
    }
}
