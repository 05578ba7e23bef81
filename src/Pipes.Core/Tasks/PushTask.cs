using System.Diagnostics;
using Pipes.Core.Artifacts;
using Pipes.Core.Compile;
using Pipes.Core.Diagnostics;
using Pipes.Core.Load;
using Pipes.Core.Run;
using Pipes.Core.Properties;
using Pipes.Core.Push;
using Pipes.Core.Targets;
using Pipes.Core.Templating;

namespace Pipes.Core.Tasks;

/// <summary><c>pipes push</c>: sends each destination's changes to Amplitude and records one result per destination.</summary>
public static class PushTask
{
    public static async Task<int> ExecuteAsync(CommandOptions options, PushSettings settings, TaskOutput output, CancellationToken cancellationToken)
    {
        // As in RunTask: every environment value the project reads (an API key among them) is redacted from the log.
        var redactor = new SecretRedactor();
        options = options with { Environment = redactor.Watch(options.Environment) };
        var (project, bag) = ProjectLoader.Load(options.ProjectDirectory, options.ToLoadOptions());
        var destinations = project is null || bag.HasErrors ? [] : Select(project, settings.Destination, bag)
            .Where(d => settings.OnlyDestinations?.Contains(d.Name.Value) ?? true).ToList();
        var templates = project is null || bag.HasErrors ? null : new TemplateCatalog(project.RootDirectory, bag);
        output.Diagnostics(bag);
        if (project is null || templates is null || bag.HasErrors) return ExitCodes.Failure;
        if (destinations.Count == 0)
        {
            output.Info($"project {project.Name} has no destinations; add one under destinations: in a YAML file", ("event", "push_nothing"));
            return ExitCodes.Success;
        }
        foreach (var key in SecretRedactor.SecretSettings) redactor.Add(project.Output.Get(key));
        using var log = RunThreads.OpenLog(project, redactor, output, "push", threads: 1);
        try
        {
            return await PushAsync(options, settings, project, templates, destinations, output, cancellationToken);
        }
        finally
        {
            output.Log = null;
            RunLog.Attach(null);
        }
    }

    private static async Task<int> PushAsync(CommandOptions options, PushSettings settings, Project project, TemplateCatalog templates,
        IReadOnlyList<DestinationSpec> destinations, TaskOutput output, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        IReadOnlyList<RunResult> results;
        await using (var opened = TargetFactory.Open(project))
        {
            ITarget target = output.Log is { } log ? new LoggingTarget(opened, log) : opened;
            // Before any build the push would fail on each missing relation with the engine's words: say what to run.
            var missing = await BuiltRelations.MissingAsync(project, templates, target, destinations.Select(Input).Where(r => Builds(project, r)), cancellationToken);
            if (missing.Count > 0)
            {
                var error = BuiltRelations.NotBuilt(project, options, "pipes push", missing);
                output.Error(error.ToString(), ("event", "push_not_built"), ("code", error.Code), ("missing", missing));
                return ExitCodes.Failure;
            }
            output.Info($"Pipes {PipesVersion.Current} · project {project.Name} · target {project.Output.Name} ({project.Dialect.Name}) · {destinations.Count} destinations",
                ("event", "push_started"), ("destinations", destinations.Count));
            results = await new PushStep(project, target, output, templates).RunAsync(destinations, settings, cancellationToken);
        }
        Directory.CreateDirectory(project.TargetDirectory);
        File.WriteAllBytes(Path.Combine(project.TargetDirectory, "run_results.json"),
            RunResultsWriter.Write("push", Guid.NewGuid().ToString(), started, clock.Elapsed, results, args:
                RunArgs.OfPush(project.Output.Name, options.Vars, new RunArgs.PushFlags(settings.Destination, settings.DryRun, settings.FullResync))));
        var failed = results.Count(r => r.Status == RunStatus.Error);
        output.Info($"Done in {clock.Elapsed.TotalSeconds:0.00}s. OK={results.Count - failed} ERROR={failed} TOTAL={results.Count}",
            ("event", "push_done"), ("ok", results.Count - failed), ("error", failed));
        return failed > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>The relation a destination's push reads, built by its push node: the push relation, or the scratch table of a warehouse destination.</summary>
    private static string Input(DestinationSpec spec) => spec.IsWarehouseTable
        ? PublishedTables.Scratch(PublishedTables.Warehouse(spec.Name.Value))
        : PublishedTables.Push(spec.Name.Value);

    /// <summary>A build makes the relation (a push node per destination with identity, or a model of that name); otherwise the pusher's own error says what is missing.</summary>
    private static bool Builds(Project project, string relation) =>
        project.Identity is not null || project.Models.Any(m => m.Name == relation);

    private static IReadOnlyList<DestinationSpec> Select(Project project, string? name, DiagnosticBag bag)
    {
        if (name is null) return project.Destinations;
        var match = project.Destinations.Where(d => d.Name.Value == name).ToList();
        if (match.Count == 0)
            bag.Error(DiagnosticCodes.UnknownRef, SourceSpan.None, $"unknown destination '{name}' in --destination",
                DidYouMean.Hint(name, project.Destinations.Select(d => d.Name.Value)) ?? $"known: {string.Join(", ", project.Destinations.Select(d => d.Name.Value))}");
        return match;
    }
}
