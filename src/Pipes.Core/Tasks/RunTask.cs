using System.Diagnostics;
using Pipes.Core.Artifacts;
using Pipes.Core.Compile;
using Pipes.Core.Diagnostics;
using Pipes.Core.Plan;
using Pipes.Core.Run;
using Pipes.Core.Push;
using Pipes.Core.Targets;
using Pipes.Core.Templating;

namespace Pipes.Core.Tasks;

/// <summary><c>pipes run</c> (models, identity, properties), <c>pipes seed</c>, <c>pipes test</c>, <c>pipes build</c> (all, in graph order, then the push).</summary>
public static class RunTask
{
    public static async Task<int> ExecuteAsync(string command, CommandOptions options, TaskOutput output, CancellationToken cancellationToken)
    {
        // Every environment value the project reads passes the redactor, so a secret among them never reaches the log.
        var redactor = new SecretRedactor();
        options = options with { Environment = redactor.Watch(options.Environment) };
        var session = ProjectSession.Open(options, output);
        if (session is null) return ExitCodes.Failure;
        var threads = RunThreads.Resolve(options, session.Project, output);
        if (threads is null) return ExitCodes.Failure;
        if (threads > 1) output.Info($"Concurrency: {threads} threads (target '{session.Project.Output.Name}')", ("event", "concurrency"), ("threads", threads));
        foreach (var key in SecretRedactor.SecretSettings) redactor.Add(session.Project.Output.Get(key));
        CompiledFiles.Write(session);
        using var log = RunThreads.OpenLog(session.Project, redactor, output, command, threads.Value);
        try
        {
            return await ExecuteAsync(command, options, session, threads.Value, output, cancellationToken);
        }
        finally
        {
            output.Log = null;
        }
    }

    private static async Task<int> ExecuteAsync(string command, CommandOptions options, ProjectSession session, int threads, TaskOutput output, CancellationToken cancellationToken)
    {
        var nodes = session.Compiled.Where(c => Includes(command, c.Node.Kind) && (options.OnlyNodes?.Contains(c.Node.Id) ?? true)).ToList();
        var project = session.Project;
        var destinations = command == "build" ? project.Destinations.Where(d => options.OnlyNodes?.Contains(DestinationId(project, d)) ?? true).ToList() : [];
        // build pushes its destinations after its nodes: one count and one numbering for both (header, lines, total line).
        var total = nodes.Count + destinations.Count;
        var parts = destinations.Count == 0 ? "" : $" ({nodes.Count} in the graph, then {destinations.Count} destination{(destinations.Count == 1 ? "" : "s")})";
        output.Info($"Pipes {PipesVersion.Current} · project {project.Name} · target {project.Output.Name} ({project.Dialect.Name}) · {total} nodes{parts}",
            ("event", "run_started"), ("command", command), ("nodes", total));

        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var runId = Guid.NewGuid().ToString();
        await using var opened = TargetFactory.Open(project);
        ITarget target = output.Log is { } log ? new LoggingTarget(opened, log) : opened;
        // Interrupted already: the runner records every node as not run.
        if (nodes.Count > 0 && !cancellationToken.IsCancellationRequested) await EnsureSchemaAsync(target, session, cancellationToken);
        IReadOnlyList<RunResult> results = await new Runner(target, project.Name, new NumberedReporter(output, 0, total), new RunOptions
        {
            FailFast = options.FailFast,
            Threads = threads,
            ProjectDirectory = project.RootDirectory,
            CompiledPaths = CompiledFiles.Paths(session),
            RunId = runId,
            RunAt = started.UtcDateTime,
            Expander = new Compiler(project, new TemplateCatalog(project.RootDirectory, new()), new CompileOptions { FullRefresh = options.FullRefresh }),
        }).RunAsync(nodes, cancellationToken);
        if (cancellationToken.IsCancellationRequested) return Interrupted(command, runId, project, options, output, results, started, clock.Elapsed);
        // build ends with the push step, only when every node succeeded (a partial build would push stale properties).
        if (destinations.Count > 0)
        {
            var unsuccessful = results.Where(r => r.Status is not (RunStatus.Success or RunStatus.Warn)).ToList();
            try
            {
                results = [.. results, .. unsuccessful.Count > 0
                    ? PushSkipped(project, destinations, unsuccessful, new NumberedReporter(output, nodes.Count, total))
                    : await new PushStep(project, target, output, new TemplateCatalog(project.RootDirectory, new()))
                        .RunAsync(destinations, new PushSettings(), cancellationToken, new NumberedReporter(output, nodes.Count, total))];
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                results = [.. results, .. destinations.Select(d =>
                {
                    var error = new Diagnostic(Severity.Error, DiagnosticCodes.NodeInterrupted, $"the push of {d.Name.Value} was interrupted; its delivery log holds what was sent", d.Name.Span);
                    return new RunResult($"destination.{project.Name}.{d.Name.Value}", d.Name.Value, "push", RunStatus.Error, TimeSpan.Zero, null, null, error, error.Message);
                })];
                return Interrupted(command, runId, project, options, output, results, started, clock.Elapsed);
            }
        }
        var summary = await RunSummaryCollector.CollectAsync(project, target, new TemplateCatalog(project.RootDirectory, new()), results, cancellationToken);
        if (summary is not null) output.Summary(summary);
        WriteRunResults(command, runId, project, options, results, started, clock.Elapsed, summary);

        var ok = results.Count(r => r.Status == RunStatus.Success);
        var failed = results.Count(r => r.Status is RunStatus.Error or RunStatus.Fail);
        var warned = results.Count(r => r.Status == RunStatus.Warn);
        var skipped = results.Count(r => r.Status == RunStatus.Skipped);
        output.Info($"Done in {clock.Elapsed.TotalSeconds:0.00}s. OK={ok} WARN={warned} ERROR={failed} SKIP={skipped} TOTAL={results.Count}",
            ("event", "run_finished"), ("ok", ok), ("warn", warned), ("error", failed), ("skipped", skipped));
        return failed + skipped > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>Ctrl-C: writes what ran, what was interrupted and what never started, says so in one line, exits 130.</summary>
    private static int Interrupted(string command, string runId, Load.Project project, CommandOptions options, TaskOutput output, IReadOnlyList<RunResult> results, DateTimeOffset started, TimeSpan elapsed)
    {
        var written = WriteRunResults(command, runId, project, options, results, started, elapsed, summary: null);
        var running = results.Where(r => r.Error?.Code == DiagnosticCodes.NodeInterrupted).Select(r => r.NodeId).ToList();
        var notRun = results.Count(r => r.Status == RunStatus.Skipped);
        var what = running.Count > 0 ? $"interrupted while {string.Join(", ", running)} was running (its statement was cancelled)" : "interrupted between nodes";
        output.Error($"{what}; {notRun} node{(notRun == 1 ? "" : "s")} not run; {results.Count(r => r.Status == RunStatus.Success)} done. " +
                     $"What ran is in {written}",
            ("event", "run_interrupted"), ("interrupted", running), ("not_run", notRun));
        return ExitCodes.Interrupted;
    }

    /// <summary>Writes <c>target/run_results.json</c>; returns its path relative to the project.</summary>
    private static string WriteRunResults(string command, string runId, Load.Project project, CommandOptions options, IReadOnlyList<RunResult> results, DateTimeOffset started, TimeSpan elapsed, RunSummary? summary)
    {
        var path = Path.Combine(project.TargetDirectory, "run_results.json");
        var relative = Path.GetRelativePath(project.RootDirectory, path).Replace('\\', '/');
        TargetWrites.Run($"the run results to {relative}", () =>
            File.WriteAllBytes(path, RunResultsWriter.Write(command, runId, started, elapsed, results, summary,
                new RunArgs(options.Select, options.Exclude, project.Output.Name, options.Vars, options.FullRefresh, options.FailFast))));
        return relative;
    }

    private static string DestinationId(Load.Project project, Properties.DestinationSpec destination) => $"destination.{project.Name}.{destination.Name.Value}";

    /// <summary>One skipped result per destination, printed and kept in run_results.json, saying which nodes stopped the push.</summary>
    private static List<RunResult> PushSkipped(Load.Project project, IReadOnlyList<Properties.DestinationSpec> destinations, IReadOnlyList<RunResult> unsuccessful, IRunReporter output)
    {
        var names = string.Join(", ", unsuccessful.Take(3).Select(r => r.NodeId)) + (unsuccessful.Count > 3 ? $" and {unsuccessful.Count - 3} more" : "");
        var why = $"{unsuccessful.Count} node{(unsuccessful.Count == 1 ? "" : "s")} did not succeed ({names}), and a partial build would push stale properties; " +
                  "fix them and build again";
        var results = new List<RunResult>();
        for (var i = 0; i < destinations.Count; i++)
        {
            var name = destinations[i].Name.Value;
            var result = new RunResult($"destination.{project.Name}.{name}", name, "push", RunStatus.Skipped, TimeSpan.Zero, null, null, null,
                $"push {name} skipped: {why}");
            output.Finished(i + 1, destinations.Count, result);
            results.Add(result);
        }
        return results;
    }

    private static bool Includes(string command, NodeKind kind) => command switch
    {
        "seed" => kind == NodeKind.Seed,
        "run" => kind is not (NodeKind.Seed or NodeKind.Test),
        "test" => kind == NodeKind.Test,
        _ => true,
    };

    private static async Task EnsureSchemaAsync(ITarget target, ProjectSession session, CancellationToken cancellationToken)
    {
        var project = session.Project;
        if (project.Output.Schema is not { } schema) return;
        var qualified = project.Dialect.Relation(project.Output.Database, schema, "").TrimEnd('.');
        await target.ExecuteAsync($"CREATE SCHEMA IF NOT EXISTS {qualified}", StatementContext.Adhoc(project.Name), cancellationToken);
    }
}

/// <summary>
/// One numbering for a whole command: <c>build</c> prints its graph nodes and then its destinations as
/// "1 of 33" … "33 of 33", so the header's count, the lines and the total line agree.
/// </summary>
public sealed class NumberedReporter(IRunReporter inner, int offset, int total) : IRunReporter
{
    public void Started(int index, int _, string nodeId, string description) => inner.Started(offset + index, total, nodeId, description);

    public void Finished(int index, int _, RunResult result) => inner.Finished(offset + index, total, result);
}
