using System.CommandLine;
using Pipes.Core.Tasks;

namespace Pipes.Cli;

/// <summary>Options shared by commands (dbt's p.select, p.exclude…), declared once.</summary>
public static class CommonOptions
{
    public static readonly Option<string> ProjectDir = new("--project-dir") { Description = "Folder holding pipes_project.yml", DefaultValueFactory = _ => "." };
    public static readonly Option<string?> ProfilesDir = new("--profiles-dir") { Description = "Folder holding profiles.yml (default: the project, then ~/.pipes)" };
    public static readonly Option<string?> Target = new("--target", "-t") { Description = "Output of the profile to use (default: the profile's target)" };
    public static readonly Option<string?> Vars = new("--vars") { Description = "YAML mapping overriding project vars, e.g. '{lookback_days: 7}'" };
    public static readonly Option<string[]> Select = new("--select", "-s") { Description = "Nodes to include: name, +name, name+, tag:x, path:dir, source:x", AllowMultipleArgumentsPerToken = true };
    public static readonly Option<string[]> Exclude = new("--exclude") { Description = "Nodes to leave out (same syntax as --select)", AllowMultipleArgumentsPerToken = true };
    public static readonly Option<bool> FullRefresh = new("--full-refresh") { Description = "Rebuild incremental models from scratch" };
    public static readonly Option<bool> FailFast = new("--fail-fast") { Description = "Stop at the first failed node" };
    public static readonly Option<string?> State = new("--state") { Description = "Folder holding a previous run's manifest.json, for state:modified / state:new and --defer" };
    public static readonly Option<bool> Defer = new("--defer") { Description = "Refs to unselected models and seeds read the --state manifest's relations" };
    public static readonly Option<int?> Threads = new("--threads") { Description = "Nodes run at once where the target allows it (default: the profile output's threads:, else 1)" };
    public static readonly Option<bool> NoColor = new("--no-color") { Description = "No colours in the output (also NO_COLOR=1, and whenever the output is not a terminal)", Recursive = true };
    public static readonly Option<string> LogFormat = new("--log-format") { Description = "text or json (one JSON object per line)", DefaultValueFactory = _ => "text", Recursive = true };

    static CommonOptions() => LogFormat.AcceptOnlyFromAmong("text", "json");

    public static void AddProjectOptions(Command command, bool selection = true)
    {
        command.Options.Add(ProjectDir);
        command.Options.Add(ProfilesDir);
        command.Options.Add(Target);
        command.Options.Add(Vars);
        if (!selection) return;
        command.Options.Add(Select);
        command.Options.Add(Exclude);
        command.Options.Add(State);
        command.Options.Add(Defer);
    }

    public static CommandOptions Read(ParseResult result) => new()
    {
        ProjectDirectory = result.GetValue(ProjectDir) ?? ".",
        ProfilesDirectory = result.GetValue(ProfilesDir),
        Target = result.GetValue(Target),
        Vars = result.GetValue(Vars),
        Select = result.GetValue(Select) ?? Array.Empty<string>(),
        Exclude = result.GetValue(Exclude) ?? Array.Empty<string>(),
        FullRefresh = result.GetValue(FullRefresh),
        FailFast = result.GetValue(FailFast),
        State = result.GetValue(State),
        Defer = result.GetValue(Defer),
        Threads = result.GetValue(Threads),
        NoColor = result.GetValue(NoColor),
    };

    public static TaskOutput Output(ParseResult result) =>
        Output(result.GetValue(LogFormat) == "json", result.GetValue(NoColor), !Console.IsOutputRedirected, Environment.GetEnvironmentVariable);

    /// <summary>
    /// Colours only on a terminal that is not "dumb", and never with --no-color or a non-empty NO_COLOR (no-color.org);
    /// the live counter only on a terminal. JSON lines carry neither.
    /// </summary>
    public static TaskOutput Output(bool json, bool noColor, bool terminal, Func<string, string?> environment)
    {
        var colorless = noColor || !string.IsNullOrEmpty(environment("NO_COLOR")) || environment("TERM") == "dumb";
        return new TaskOutput(Console.Out, Console.Error, json) { Color = terminal && !json && !colorless, Live = terminal && !json };
    }
}
