using Pipes.Core.Compile;
using Pipes.Core.Diagnostics;
using Pipes.Core.Identity;
using Pipes.Core.Load;
using Pipes.Core.Plan;
using Pipes.Core.Run;
using Pipes.Core.Tasks;
using Pipes.Core.Targets;
using Pipes.Core.Templating;

namespace Pipes.Core.RulePlan;

/// <summary>
/// <c>pipes plan [--apply]</c> (docs/plan.md): builds the working tree's project in a shadow schema cloned from the
/// live one (seeds, models, identity, properties, push relations; no tests, nothing sent), compares its outputs with
/// the live ones, reports the differences in words and in <c>target/plan.json</c>, and with --apply promotes them.
/// </summary>
public static class RulePlanTask
{
    /// <summary>Examples printed per kind of change.</summary>
    public const int Examples = 5;

    public static async Task<int> ExecuteAsync(CommandOptions options, bool apply, bool jsonReport, TaskOutput output, CancellationToken cancellationToken)
    {
        var (project, bag) = ProjectLoader.Load(options.ProjectDirectory, options.ToLoadOptions());
        if (project is not null && !bag.HasErrors) Check(project, bag);
        output.Diagnostics(bag);
        if (project is null || bag.HasErrors) return ExitCodes.Failure;

        var catalog = new TemplateCatalog(project.RootDirectory, bag);
        var templates = new StatementTemplates(catalog, project.Dialect);
        await using var target = TargetFactory.Open(project);
        var shadow = new ShadowSchema(project, target, templates);
        var liveTables = await shadow.TablesAsync(shadow: false, cancellationToken);
        if (!liveTables.Contains(IdentitySqlModel.Tables["graph"], StringComparer.OrdinalIgnoreCase))
            return Fail(output, DiagnosticCodes.PlanTargetNotBuilt,
                $"target {project.Output.Name} was never built: schema {shadow.Live} has no {IdentitySqlModel.Tables["graph"]}, so there is nothing to compare with; run pipes build --target {project.Output.Name} first");

        var shadowProject = shadow.ShadowProject();
        var compiled = Compile(shadowProject, options, catalog, bag);
        output.Diagnostics(bag);
        if (compiled is null) return ExitCodes.Failure;

        var planId = Guid.NewGuid().ToString();
        var started = DateTime.UtcNow;
        var status = output.Json || jsonReport ? new TaskOutput(TextWriter.Null, TextWriter.Null, false) : output;
        status.Info($"plan {planId}: building the working tree in {shadow.Shadow} ({compiled.Count} nodes); {shadow.Live} is not written{(apply ? " until the plan is applied" : "")}");
        try
        {
            await shadow.CreateAsync(liveTables, cancellationToken);
            var planDirectory = Path.Combine(project.TargetDirectory, "plan");
            // On the fresh clone first: what the next push would do anyway, so the plan says what the change adds.
            var before = new Dictionary<string, long>(StringComparer.Ordinal);
            var baseline = new DestinationPreview(shadowProject, target, catalog, shadow, Path.Combine(planDirectory, "without_change"), Examples);
            foreach (var spec in project.Destinations)
                before[spec.Name.Value] = (await baseline.PreviewAsync(spec, planId, cancellationToken)).Plan?.Operations ?? 0;

            var quiet = new TaskOutput(TextWriter.Null, TextWriter.Null, json: false);
            var results = await new Runner(target, project.Name, quiet, new RunOptions { ProjectDirectory = project.RootDirectory, RunId = planId, RunAt = started })
                .RunAsync(compiled, cancellationToken);
            var failed = results.Where(r => r.Status is RunStatus.Error or RunStatus.Fail or RunStatus.Skipped).ToList();
            if (failed.Count > 0)
            {
                foreach (var f in failed.Where(f => f.Error is not null)) output.Error(f.Error!.ToString());
                return Fail(output, DiagnosticCodes.PlanShadowBuildFailed,
                    $"the working tree does not build in {shadow.Shadow}: {string.Join(", ", failed.Select(f => f.NodeId))}; nothing was compared or applied");
            }

            var destinations = new List<RulePlanReport.DestinationPlan>();
            var preview = new DestinationPreview(shadowProject, target, catalog, shadow, planDirectory, Examples);
            foreach (var spec in project.Destinations)
            {
                var outcome = await preview.PreviewAsync(spec, planId, cancellationToken);
                if (outcome.Error is not null) return Fail(output, outcome.Error.Code, outcome.Error.Message);
                destinations.Add(Relative(project, outcome.Plan! with { OperationsWithoutChange = before[spec.Name.Value] }));
            }

            var liveSet = liveTables.ToHashSet(StringComparer.OrdinalIgnoreCase);
            var shadowTables = await shadow.TablesAsync(shadow: true, cancellationToken);
            var shadowColumns = await shadow.ColumnsAsync(shadow: true, cancellationToken);
            var liveColumns = await shadow.ColumnsAsync(shadow: false, cancellationToken);
            var reader = new RulePlanReader(project, target, templates, shadow, Examples);
            var identifiersFile = Path.Combine(planDirectory, "identifiers.jsonl");
            var report = new RulePlanReport
            {
                PlanId = planId,
                Target = project.Output.Name,
                Schema = shadow.Live,
                ShadowSchema = shadow.Shadow,
                CreatedAt = started,
                Profiles = await reader.ProfilesAsync(Path.Combine(planDirectory, "profiles.jsonl"), cancellationToken),
                Identifiers = await reader.IdentifiersAsync(identifiersFile, RelativePath(project, identifiersFile), cancellationToken),
                RefusedEdges = await reader.RefusedAsync(cancellationToken),
                SharedIds = await reader.SharedAsync(cancellationToken),
                Dropped = await reader.DroppedAsync(cancellationToken),
                Rejects = await reader.RejectsAsync(liveSet, shadowTables.ToHashSet(StringComparer.OrdinalIgnoreCase), cancellationToken),
                Outputs = await reader.OutputsAsync(liveColumns, shadowColumns, cancellationToken),
                Destinations = destinations,
                // What the identity node said in the shadow (a rule change announces its full rebuild there).
                Notes = results.Where(r => r.Kind == "identity").Select(r => r.Message).ToList(),
            };

            Write(project, report);
            if (jsonReport && !apply) output.Info(report.ToJson());
            else if (!jsonReport) RulePlanPrinter.Print(report, output);
            if (apply && report.Empty) status.Info("nothing to apply");
            else if (apply)
            {
                RulePlanPromoter.Promoted promoted;
                try
                {
                    promoted = await new RulePlanPromoter(project, target, templates, shadow)
                        .PromoteAsync(planId, liveSet, shadowTables, shadowColumns, liveColumns, cancellationToken);
                }
                catch (TargetException e)
                {
                    return Fail(output, DiagnosticCodes.PlanApplyFailed, $"applying plan {planId} to {shadow.Live} failed and was rolled back where the engine allows it: {e.Message}");
                }
                report.Applied = true;
                Write(project, report);
                foreach (var t in promoted.Replaced) status.Info($"  {t}: replaced the table with other columns of the same name (a stream on it must be recreated)");
                status.Info($"plan {planId}: applied to {shadow.Live}: {promoted.Published.Count} outputs published in place, {promoted.Copied.Count} node tables copied, " +
                            "history recorded under the plan's id; the next push sends what the plan shows");
            }
            if (jsonReport && apply) output.Info(report.ToJson());
            return ExitCodes.Success;
        }
        finally
        {
            await shadow.DropAsync();
        }
    }

    private static void Check(Project project, DiagnosticBag bag)
    {
        if (project.Identity is null)
            bag.Error(DiagnosticCodes.PlanNoIdentity, project.Spec.Name.Span, "pipes plan compares identity, property and push outputs, and this project declares no identity:", "add an identity: block, or use pipes build");
        if (ShadowSchema.LiveSchemaOf(project) is null)
            bag.Error(DiagnosticCodes.PlanNoSchema, project.Spec.Name.Span, $"output {project.Output.Name} names no schema, so there is no schema to clone beside it",
                "set schema: in the output in profiles.yml");
    }

    /// <summary>Every selected node but the tests, compiled for the shadow.</summary>
    private static IReadOnlyList<CompiledNode>? Compile(Project shadowProject, CommandOptions options, TemplateCatalog catalog, DiagnosticBag bag)
    {
        var plan = Planner.Plan(shadowProject, options.Select, options.Exclude, bag);
        if (plan is null || bag.HasErrors) return null;
        var compiled = new Compiler(shadowProject, catalog, new CompileOptions()).CompileAll(plan.Selected.Where(n => n.Kind != NodeKind.Test).ToList(), bag);
        return bag.HasErrors ? null : compiled;
    }

    private static RulePlanReport.DestinationPlan Relative(Project project, RulePlanReport.DestinationPlan plan) =>
        plan.PayloadFile is null ? plan : plan with { PayloadFile = RelativePath(project, plan.PayloadFile) };

    private static string RelativePath(Project project, string path) => Path.GetRelativePath(project.RootDirectory, path).Replace('\\', '/');

    private static void Write(Project project, RulePlanReport report)
    {
        var path = Path.Combine(project.TargetDirectory, "plan.json");
        TargetWrites.Run($"the plan to {RelativePath(project, path)}", () =>
        {
            Directory.CreateDirectory(project.TargetDirectory);
            File.WriteAllText(path, report.ToJson() + "\n");
        });
    }

    private static int Fail(TaskOutput output, string code, string message)
    {
        output.Error($"error {code}: {message}", ("event", "plan_failed"), ("code", code));
        return ExitCodes.Failure;
    }
}
