using System.Text.Json;
using System.Text.Json.Nodes;
using Pipes.Core.Compile;
using Pipes.Core.Diagnostics;
using Pipes.Core.Load;
using Pipes.Core.Plan;
using Pipes.Core.Targets;
using Pipes.Core.Tasks;
using Pipes.Core.Templating;

namespace Pipes.Core.Docs;

/// <summary><c>pipes docs generate</c> and <c>pipes docs serve</c> (docs/docs-site.md).</summary>
public static class DocsTask
{
    public static string SiteDirectory(Project project) => Path.Combine(project.TargetDirectory, "docs");

    public static async Task<int> GenerateAsync(CommandOptions options, int maxProfiles, TaskOutput output, CancellationToken cancellationToken)
    {
        if (maxProfiles < 1) return Fail(output, $"--max-profiles must be at least 1, not {maxProfiles}");
        options = options with { Select = [], Exclude = [] };
        var session = ProjectSession.Open(options, output);
        if (session is null) return ExitCodes.Failure;
        var project = session.Project;

        var (compiled, targetErrors) = CompileEveryTarget(session, options);
        foreach (var (target, error) in targetErrors) output.Info($"warning: the compiled SQL of target '{target}' is left out: {error}", ("event", "docs_target_skipped"), ("target", target));
        var runResultsPath = Path.Combine(project.TargetDirectory, "run_results.json");
        var runResults = File.Exists(runResultsPath) ? JsonNode.Parse(await File.ReadAllTextAsync(runResultsPath, cancellationToken)) : null;
        var notes = new JsonArray();
        if (runResults is null) notes.Add($"no {Path.GetRelativePath(project.RootDirectory, runResultsPath)}: nodes show no last run (run pipes build)");

        var bundle = new JsonObject
        {
            ["pipes_version"] = PipesVersion.Current,
            ["generated_at"] = Cells.Iso(DateTime.UtcNow),
            ["notes"] = notes,
        };
        var warehouse = await ReadWarehouseAsync(project, runResults, maxProfiles, bundle, notes, output, cancellationToken);
        if (warehouse is null) return ExitCodes.Failure;
        bundle["project"] = ProjectSection.Build(project, session.Plan, compiled, targetErrors, runResults, warehouse.Catalog);

        var directory = SiteDirectory(project);
        SiteWriter.Write(directory, bundle);
        foreach (var note in notes) output.Info("note: " + note, ("event", "docs_note"));
        output.Info($"docs: {session.Plan.Order.Count} nodes, {bundle["profiles"]?["included"] ?? 0} profiles; open {Path.Combine(directory, "index.html")} or run pipes docs serve",
            ("event", "docs_generated"), ("path", directory));
        return ExitCodes.Success;
    }

    public static async Task<int> ServeAsync(CommandOptions options, int port, TaskOutput output, CancellationToken cancellationToken)
    {
        var (project, bag) = ProjectLoader.Load(options.ProjectDirectory, options.ToLoadOptions());
        output.Diagnostics(bag);
        if (project is null || bag.HasErrors) return ExitCodes.Failure;
        var directory = SiteDirectory(project);
        if (!File.Exists(Path.Combine(directory, "index.html"))) return Fail(output, $"no site in {directory}: run pipes docs generate first");
        using var server = new DocsServer(directory, port);
        try { server.Start(); }
        catch (System.Net.HttpListenerException e) { return Fail(output, $"cannot listen on {server.Address}: {e.Message}"); }
        output.Info($"serving {directory} on {server.Address} (Ctrl-C to stop)", ("event", "docs_serving"), ("address", server.Address));
        await server.ServeAsync(cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>The chosen target's SQL from the session, then every other output of the profile compiled on its own.</summary>
    private static (IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>, IReadOnlyDictionary<string, string>) CompileEveryTarget(ProjectSession session, CommandOptions options)
    {
        var compiled = new SortedDictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal)
        {
            [session.Project.Output.Name] = session.Compiled.ToDictionary(c => c.Node.Id, c => c.Sql, StringComparer.Ordinal),
        };
        var errors = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in ProfileTargets.Names(session.Project, options.ToLoadOptions()).Where(n => n != session.Project.Output.Name))
        {
            var (project, bag) = ProjectLoader.Load(options.ProjectDirectory, options.ToLoadOptions() with { Target = name });
            var plan = project is null || bag.HasErrors ? null : Planner.Plan(project, [], [], bag);
            if (project is not null && plan is not null && !bag.HasErrors)
            {
                var catalog = new TemplateCatalog(project.RootDirectory, bag);
                var nodes = new Compiler(project, catalog, new CompileOptions()).CompileAll(plan.Selected, bag);
                if (!bag.HasErrors) compiled[name] = nodes.ToDictionary(c => c.Node.Id, c => c.Sql, StringComparer.Ordinal);
            }
            if (!compiled.ContainsKey(name))
                errors[name] = bag.Sorted().FirstOrDefault(d => d.Severity == Severity.Error)?.ToString() ?? "it did not compile";
        }
        return (compiled, errors);
    }

    /// <summary>Reads the identity, profile and delivery sections; null after an engine error (printed).</summary>
    private static async Task<WarehouseReader?> ReadWarehouseAsync(Project project, JsonNode? runResults, int maxProfiles, JsonObject bundle, JsonArray notes,
        TaskOutput output, CancellationToken cancellationToken)
    {
        if (TargetFactory.MissingDatabaseFile(project) is { } file)
        {
            notes.Add($"no {Path.GetRelativePath(project.RootDirectory, file)}: the site shows the project only (run pipes build first)");
            return WarehouseReader.Empty(project);
        }
        try
        {
            await using var target = TargetFactory.Open(project);
            var warehouse = new WarehouseReader(project, target);
            await warehouse.ReadCatalogAsync(cancellationToken);
            if (project.Identity is { } identity)
            {
                var figures = await IdentitySection.ReadAsync(identity, warehouse, cancellationToken);
                bundle["identity"] = figures;
                if (figures["missing"] is { } missing) notes.Add($"identity tables not found in the target ({missing}): run pipes build");
                var total = figures["profiles"]?.GetValue<long>() ?? 0;
                var profiles = await ProfilesSection.ReadAsync(project, identity, warehouse, maxProfiles, total, cancellationToken);
                bundle["profiles"] = profiles;
                if (total > maxProfiles)
                    notes.Add($"profile explorer: the {maxProfiles:N0} largest of {total:N0} profiles are in the site, {total - maxProfiles:N0} are left out (raise --max-profiles, or use pipes explain)");
            }
            else notes.Add("the project has no identity: block: no identity page or profile explorer");
            var summary = runResults?["summary"];
            bundle["delivery"] = await DeliverySection.ReadAsync(project, warehouse, summary, cancellationToken);
            return warehouse;
        }
        catch (TargetException e)
        {
            output.Error($"error: reading the target '{project.Output.Name}' for the docs failed: {e.Message}", ("event", "docs_target_error"));
            return null;
        }
    }

    private static int Fail(TaskOutput output, string message)
    {
        output.Error("error: " + message);
        return ExitCodes.Failure;
    }
}
