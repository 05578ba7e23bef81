using System.Diagnostics;
using Pipes.Core.Compile;
using Pipes.Core.Diagnostics;
using Pipes.Core.Load;
using Pipes.Core.Push;
using Pipes.Core.Run;
using Pipes.Core.Properties;
using Pipes.Core.Targets;
using Pipes.Core.Templating;

namespace Pipes.Core.Tasks;

/// <summary>
/// Pushes destinations on an open target, one after the other, and turns each outcome into a result (dbt's
/// <c>safe_run</c>: a failed destination is a value, the next one still runs). Shared by push and build.
/// </summary>
public sealed class PushStep(Project project, ITarget target, TaskOutput output, TemplateCatalog templates)
{
    /// <param name="reporter">Numbers the result lines (build continues its nodes' numbering); default: "1 of N" over the destinations.</param>
    public async Task<IReadOnlyList<RunResult>> RunAsync(IReadOnlyList<DestinationSpec> destinations, PushSettings settings, CancellationToken cancellationToken,
        IRunReporter? reporter = null)
    {
        reporter ??= output;
        var results = new List<RunResult>();
        for (var i = 0; i < destinations.Count; i++)
        {
            var result = await RunOneAsync(destinations[i], settings, cancellationToken);
            results.Add(result);
            reporter.Finished(i + 1, destinations.Count, result);
        }
        return results;
    }

    private async Task<RunResult> RunOneAsync(DestinationSpec spec, PushSettings settings, CancellationToken cancellationToken)
    {
        var id = $"destination.{project.Name}.{spec.Name.Value}";
        if (spec.IsWarehouseTable) return await new WarehouseDestinationStep(project, target, output, templates).RunAsync(spec, settings.DryRun, cancellationToken);
        var clock = Stopwatch.StartNew();
        var bag = new DiagnosticBag();
        var destination = DestinationMapper.Map(spec, settings.DryRun, project.Environment, bag);
        var first = bag.Sorted().FirstOrDefault(d => d.Severity == Severity.Error);
        // The first error is printed with the result line; any others here.
        foreach (var d in bag.Sorted().Where(d => d != first)) output.Error(d.ToString(), ("event", "push_error"), ("destination", spec.Name.Value), ("code", d.Code));
        if (destination is null) return Failed(id, spec, clock.Elapsed, first!);
        if (spec.DryRun) output.Info($"push {spec.Name.Value}: dry run (dry_run: true at {spec.Name.Span}); nothing is sent",
            ("event", "push_dry_run"), ("destination", spec.Name.Value));

        try
        {
            using var pusher = new Pusher(target, destination, TimeProvider.System);
            var progress = new ProgressLine(output, destination.Name, settings.ProgressInterval);
            var push = await pusher.PushAsync(new PushOptions
            {
                FullResync = settings.FullResync,
                TargetDirectory = project.TargetDirectory,
                Schema = project.Output.Schema,
                Templates = templates,
                Progress = progress.Report,
            }, cancellationToken);
            // The payload file as the user finds it from the project folder, not an absolute path.
            if (push.PayloadFile is { } file) push = push with { PayloadFile = Path.GetRelativePath(project.RootDirectory, file).Replace('\\', '/') };
            // A stopped run says why on the result line; its counts would only be noise.
            if (push.Error is null) output.Info(push.Summary(), ("event", "push_finished"), ("destination", push.Destination), ("accepted", push.Accepted),
                ("refused", push.Refused), ("gave_up", push.GaveUp), ("skipped", push.Skipped), ("profiles_left_out", push.LeftOutTotal), ("dry_run", push.DryRun));
            return ResultOf(id, spec, push);
        }
        catch (TargetException e)
        {
            return Failed(id, spec, clock.Elapsed, new Diagnostic(Severity.Error, DiagnosticCodes.PushFailed,
                $"push {spec.Name.Value} failed on the warehouse: {e.Message}", spec.Name.Span));
        }
    }

    /// <summary>Error when the run stopped or events were given up on (they stay pending); refusals are Amplitude's verdict on the data.</summary>
    private static RunResult ResultOf(string id, DestinationSpec spec, PushResult push)
    {
        var failed = push.Error is not null || push.GaveUp > 0;
        var error = failed
            ? new Diagnostic(Severity.Error, DiagnosticCodes.PushFailed, push.Error ?? $"{push.GaveUp:N0} events given up after retries; they stay pending", spec.Name.Span)
            : null;
        return new RunResult(id, spec.Name.Value, "push", failed ? RunStatus.Error : RunStatus.Success, push.Elapsed, push.Accepted, null, error, push.Summary())
        {
            Counts =
            [
                new("pending", push.Pending), new("events_sent", push.EventsSent), new("accepted", push.Accepted),
                new("refused", push.Refused), new("gave_up", push.GaveUp), new("skipped", push.Skipped),
                new("skipped_invalid_ids", push.SkippedInvalidIds), new("batches", push.Batches), new("requests", push.Requests),
                new("dry_run", push.DryRun ? 1 : 0), new("profiles_left_out", push.LeftOutTotal),
            ],
        };
    }

    private static RunResult Failed(string id, DestinationSpec spec, TimeSpan elapsed, Diagnostic error) =>
        new(id, spec.Name.Value, "push", RunStatus.Error, elapsed, null, null, error, error.Message);

    /// <summary>At most one progress line per interval, so short pushes print none.</summary>
    private sealed class ProgressLine(TaskOutput output, string destination, TimeSpan every)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Lock _gate = new();
        private readonly TimeSpan _interval = every;
        private TimeSpan _next = every;

        public void Report(PushProgress p)
        {
            lock (_gate)
            {
                if (_clock.Elapsed < _next) return;
                _next = _clock.Elapsed + _interval;
                output.Info($"  push {destination}: {p}", ("event", "push_progress"), ("destination", destination), ("rows_done", p.RowsDone),
                    ("rows_total", p.RowsTotal), ("events", p.EventsSent), ("batches", p.Batches), ("events_per_second", Math.Round(p.EventsPerSecond)),
                    ("eta_seconds", p.Eta is { } eta ? Math.Round(eta.TotalSeconds) : null));
            }
        }
    }
}
