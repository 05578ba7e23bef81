using System.Text.Json;
using Pipes.Core.Diagnostics;
using Pipes.Core.Load;

namespace Pipes.Core.Tasks;

/// <summary>
/// <c>pipes retry</c> (dbt's): reruns the nodes and destinations that failed or were skipped in the last
/// <c>target/run_results.json</c>, with its command, selection, target, vars and flags (its <c>args</c>); after a
/// <c>pipes push</c>, the destinations whose push failed, with that push's flags.
/// </summary>
public static class RetryTask
{
    /// <summary>Commands retry can rerun: those that write one result per node.</summary>
    public static readonly IReadOnlyList<string> Commands = ["run", "seed", "test", "build", "push"];

    private static readonly string[] Unfinished = ["error", "fail", "skipped"];

    public static async Task<int> ExecuteAsync(CommandOptions options, TaskOutput output, CancellationToken cancellationToken)
    {
        var (project, bag) = ProjectLoader.Load(options.ProjectDirectory, options.ToLoadOptions());
        var last = project is null || bag.HasErrors ? null : Read(project, bag);
        output.Diagnostics(bag);
        if (project is null || last is null) return ExitCodes.Failure;

        var (command, args, retry, total) = last.Value;
        if (retry.Count == 0)
        {
            output.Info($"Nothing to retry: all {total} results of the last pipes {command} succeeded", ("event", "retry_nothing"), ("command", command));
            return ExitCodes.Success;
        }
        output.Info($"Retrying {retry.Count} of {total} results of the last pipes {command}{Describe(args)}: " +
                    string.Join(", ", retry.Take(5).Select(r => $"{r.Id} ({r.Status})")) + (retry.Count > 5 ? $" and {retry.Count - 5} more" : ""),
            ("event", "retry_started"), ("command", command), ("nodes", retry.Select(r => r.Id).ToList()));
        if (args.Push is { } push)
        {
            // A destination's result is destination.<project>.<name>; the push's state makes a resend send only what is still owed.
            var prefix = $"destination.{project.Name}.";
            var names = retry.Select(r => r.Id.StartsWith(prefix, StringComparison.Ordinal) ? r.Id[prefix.Length..] : r.Id).ToHashSet(StringComparer.Ordinal);
            return await PushTask.ExecuteAsync(options with { Target = args.Target, Vars = args.Vars },
                new Push.PushSettings { Destination = push.Destination, DryRun = push.DryRun, FullResync = push.FullResync, OnlyDestinations = names }, output, cancellationToken);
        }
        return await RunTask.ExecuteAsync(command, options with
        {
            Select = args.Select,
            Exclude = args.Exclude,
            Target = args.Target,
            Vars = args.Vars,
            FullRefresh = args.FullRefresh,
            FailFast = args.FailFast,
            OnlyNodes = retry.Select(r => r.Id).ToHashSet(StringComparer.Ordinal),
        }, output, cancellationToken);
    }

    private static string Describe(Artifacts.RunArgs args)
    {
        var parts = args.Select.Select(s => $"-s {s}").Concat(args.Exclude.Select(s => $"--exclude {s}")).Append($"--target {args.Target}");
        if (args.Vars is not null) parts = parts.Append("--vars …");
        if (args.FullRefresh) parts = parts.Append("--full-refresh");
        if (args.FailFast) parts = parts.Append("--fail-fast");
        if (args.Push?.Destination is { } destination) parts = parts.Append($"--destination {destination}");
        if (args.Push?.DryRun == true) parts = parts.Append("--dry-run");
        if (args.Push?.FullResync == true) parts = parts.Append("--full-resync");
        return " (" + string.Join(" ", parts) + ")";
    }

    /// <summary>The last command, its args, the results to retry and how many results it had; null with a diagnostic when it cannot be retried.</summary>
    private static (string Command, Artifacts.RunArgs Args, List<(string Id, string Status)> Retry, int Total)? Read(Project project, DiagnosticBag bag)
    {
        var path = Path.Combine(project.TargetDirectory, "run_results.json");
        var shown = Path.GetRelativePath(project.RootDirectory, path).Replace('\\', '/');
        if (!File.Exists(path))
        {
            bag.Error(DiagnosticCodes.NoRunResults, SourceSpan.At(shown, 0, 0), "pipes retry reruns what failed in the last run, and nothing has run in this project yet",
                "run `pipes build` (or run, seed, test) first");
            return null;
        }
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            var command = root.GetProperty("metadata").GetProperty("command").GetString() ?? "";
            if (!Commands.Contains(command))
            {
                bag.Error(DiagnosticCodes.RetryUnsupportedCommand, SourceSpan.At(shown, 0, 0),
                    $"the last command was pipes {command}; pipes retry reruns {string.Join(", ", Commands)}", $"run pipes {command} again");
                return null;
            }
            if (!root.TryGetProperty("args", out var a))
            {
                bag.Error(DiagnosticCodes.RunResultsUnreadable, SourceSpan.At(shown, 0, 0),
                    "the last run's results do not record its arguments (written by an older pipes), so they cannot be retried", $"run pipes {command} again");
                return null;
            }
            var args = new Artifacts.RunArgs(
                [.. a.GetProperty("select").EnumerateArray().Select(s => s.GetString()!)],
                [.. a.GetProperty("exclude").EnumerateArray().Select(s => s.GetString()!)],
                a.GetProperty("target").GetString()!,
                a.GetProperty("vars").GetString(),
                a.GetProperty("full_refresh").GetBoolean(),
                a.GetProperty("fail_fast").GetBoolean())
            {
                Push = command != "push" ? null : new Artifacts.RunArgs.PushFlags(
                    a.GetProperty("destination").GetString(), a.GetProperty("dry_run").GetBoolean(), a.GetProperty("full_resync").GetBoolean()),
            };
            var results = root.GetProperty("results").EnumerateArray()
                .Select(r => (Id: r.GetProperty("unique_id").GetString()!, Status: r.GetProperty("status").GetString()!)).ToList();
            return (command, args, results.Where(r => Unfinished.Contains(r.Status)).ToList(), results.Count);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            bag.Error(DiagnosticCodes.RunResultsUnreadable, SourceSpan.At(shown, 0, 0), $"cannot read the last run's results: {e.Message}",
                "run the command again; it rewrites the file");
            return null;
        }
    }
}
