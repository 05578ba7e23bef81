using System.CommandLine;
using Pipes.Core.RulePlan;

namespace Pipes.Cli.Commands;

/// <summary><c>pipes plan [--apply] [--output json]</c>: what the working tree would change, built beside the live outputs (docs/plan.md).</summary>
public static class PlanCommand
{
    public static Command Create()
    {
        var apply = new Option<bool>("--apply") { Description = "Promote the planned outputs into the live tables (in place), record the plan in the history" };
        var format = new Option<string>("--output", "-o") { Description = "text or json (the plan as one JSON document on stdout; target/plan.json is always written)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("plan", "Show what the working tree's rules would do to profiles, outputs and Amplitude, computed beside the live tables; --apply to promote it");
        CommonOptions.AddProjectOptions(command);
        command.Options.Add(apply);
        command.Options.Add(format);
        command.SetAction((result, cancellationToken) => Guard.RunAsync(() =>
            RulePlanTask.ExecuteAsync(CommonOptions.Read(result), result.GetValue(apply), result.GetValue(format) == "json", CommonOptions.Output(result), cancellationToken)));
        return command;
    }
}
