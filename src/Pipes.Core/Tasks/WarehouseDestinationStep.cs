using System.Diagnostics;
using Pipes.Core.Compile;
using Pipes.Core.Diagnostics;
using Pipes.Core.Load;
using Pipes.Core.Plan;
using Pipes.Core.Run;
using Pipes.Core.Properties;
using Pipes.Core.Targets;
using Pipes.Core.Templating;

namespace Pipes.Core.Tasks;

/// <summary>
/// The push step of an <c>amplitude_profiles</c> or <c>amplitude_mirror</c> destination: publishes the scratch table its
/// node built into the table Amplitude reads (MERGE and DELETE only), or with a dry run computes the difference and
/// writes nothing to it; then reports the operations Amplitude's change data capture will see (docs/amplitude-warehouse.md).
/// </summary>
public sealed class WarehouseDestinationStep(Project project, ITarget target, TaskOutput output, TemplateCatalog templates)
{
    /// <summary>What one publish did or would do.</summary>
    public sealed record Report(long Inserted, long Updated, long Deleted, long Rekeyed, long Skipped)
    {
        /// <summary>Inserts, updates and deletes: what Amplitude's Profiles plans count against their monthly operations.</summary>
        public long Operations => Inserted + Updated + Deleted;
    }

    public async Task<RunResult> RunAsync(DestinationSpec spec, bool dryRun, CancellationToken cancellationToken)
    {
        var id = $"destination.{project.Name}.{spec.Name.Value}";
        var dry = dryRun || spec.DryRun;
        var clock = Stopwatch.StartNew();
        var compiler = new Compiler(project, templates, new CompileOptions());
        var context = new StatementContext(id, $"pipes:{project.Name}:{spec.Name.Value}");
        var table = PublishedTables.Warehouse(spec.Name.Value);
        try
        {
            var live = new Dictionary<string, string?>();
            var columnsQuery = compiler.WarehouseColumnsQuery(spec);
            foreach (var sql in columnsQuery.SkipLast(1)) await target.ExecuteAsync(sql, context, cancellationToken);
            await foreach (var row in target.StreamAsync(columnsQuery[^1], context, cancellationToken))
                live[Convert.ToString(row[0])!] = row[1] is null or DBNull ? null : Convert.ToString(row[1]);
            var (alter, added, dropped, retyped) = compiler.WarehouseAlter(spec, live);
            if (alter.Count > 0)
                output.Info($"{spec.Name.Value}: {table} {(dry ? "would change" : "changes")} columns in place (added: {string.Join(", ", added.DefaultIfEmpty("none"))}; " +
                            $"dropped: {string.Join(", ", dropped.DefaultIfEmpty("none"))}; retyped: {string.Join(", ", retyped.DefaultIfEmpty("none"))}); " +
                            "a replaced table would break Amplitude's change data capture",
                    ("event", "amplitude_table_columns"), ("destination", spec.Name.Value), ("added", added), ("dropped", dropped), ("retyped", retyped));
            if (!dry)
                foreach (var sql in alter) await target.ExecuteAsync(sql, context, cancellationToken);
            // A dry run compares with a copy retyped as the ALTERs would: the old type never meets the new one.
            var preview = dry && retyped.Count > 0 ? compiler.WarehousePreview(spec, live) : default;
            foreach (var sql in preview.Create ?? []) await target.ExecuteAsync(sql, context, cancellationToken);
            // Counted under this step's id: the push node (which `pipes run` runs too) only builds the scratch table, so a
            // run without this step must not show the counts of the last one that published.
            foreach (var sql in compiler.WarehousePublish(spec, id, dry, preview.Table))
                await target.ExecuteAsync(sql, context, cancellationToken);
            if (preview.Drop is { } drop) await target.ExecuteAsync(drop, context, cancellationToken);
            Report? report = null;
            await foreach (var row in target.StreamAsync(compiler.WarehouseReport(spec), context, cancellationToken))
                report = row.Length < 5 ? throw new TargetException($"the report query on {table} returned {row.Length} columns, expected 5") : new Report(Convert.ToInt64(row[0]), Convert.ToInt64(row[1]), Convert.ToInt64(row[2]), Convert.ToInt64(row[3]), Convert.ToInt64(row[4]));
            report ??= new Report(0, 0, 0, 0, 0);
            var message = Describe(spec, table, report, dry);
            output.Info(message, ("event", "amplitude_table_published"), ("destination", spec.Name.Value), ("table", table),
                ("inserted", report.Inserted), ("updated", report.Updated), ("deleted", report.Deleted), ("rekeyed", report.Rekeyed),
                ("skipped", report.Skipped), ("dry_run", dry));
            return new RunResult(id, spec.Name.Value, spec.Type.Value, RunStatus.Success, clock.Elapsed, dry ? 0 : report.Operations, null, null, message)
            {
                Counts =
                [
                    new("inserted", report.Inserted), new("updated", report.Updated), new("deleted", report.Deleted),
                    new("operations", report.Operations), new("rekeyed", report.Rekeyed), new("skipped", report.Skipped), new("dry_run", dry ? 1 : 0),
                ],
            };
        }
        catch (TargetException e)
        {
            var error = new Diagnostic(Severity.Error, DiagnosticCodes.WarehouseDestinationFailed,
                $"destination {spec.Name.Value} ({spec.Type.Value}) failed on the warehouse: {e.Message}", spec.Name.Span,
                $"the node push.{project.Name}.{spec.Name.Value} must have built {PublishedTables.Scratch(table)}; run pipes build");
            return new RunResult(id, spec.Name.Value, spec.Type.Value, RunStatus.Error, clock.Elapsed, null, null, error, error.Message);
        }
    }

    /// <summary>One line: the operations, what was skipped and, for the mirror, the events that changed user.</summary>
    public static string Describe(DestinationSpec spec, string table, Report r, bool dryRun)
    {
        var skipped = spec.Type.Value == DestinationSpec.Profiles ? "profiles without a user_id" : "events left out";
        var rekeyed = spec.Type.Value == DestinationSpec.Mirror ? $", {r.Rekeyed:N0} events re-keyed to another user_id" : "";
        var verb = dryRun ? "would write (dry run, nothing written)" : "wrote";
        return $"{spec.Name.Value}: {table} {verb} {r.Inserted:N0} inserts, {r.Updated:N0} updates, {r.Deleted:N0} deletes " +
               $"({r.Operations:N0} Amplitude operations){rekeyed}; {r.Skipped:N0} {skipped} (in {PublishedTables.WarehouseSkipped(spec.Name.Value)})";
    }
}
