using System.Diagnostics;
using System.Globalization;
using Pipes.Core.Compile;
using Pipes.Core.Load;
using Pipes.Core.Plan;
using Pipes.Core.Run;
using Pipes.Core.Run.Targets.DuckDb;

namespace Pipes.Bench.Identity;

/// <summary>
/// <c>identity --incremental [rows]</c>: in one process, the realistic case as a first (full) run, then a batch of 1%
/// new event rows (most later than all others, a tenth late but inside the lookback, a tenth linking ids of two
/// existing users), an incremental run, a run with no new rows, and a --full-refresh on the same rows, whose tables
/// must equal the incremental ones.
/// </summary>
public static partial class IdentityBenchmark
{
    private static async Task RunIncrementalAsync(string root, long size)
    {
        var (project, bag) = ProjectLoader.Load(root);
        var plan = Planner.Plan(project!, ["identity"], [], bag)!;
        CompiledNode Compile(bool fullRefresh) =>
            new Compiler(project!, new TemplateCatalog(root, bag), new CompileOptions { FullRefresh = fullRefresh }).Compile(plan.Selected.Single(), bag)
            ?? throw new InvalidOperationException(string.Join("\n", bag.Items));
        var incremental = Compile(false);
        var full = Compile(true);

        await using var target = DuckDbTarget.Open(Path.Combine(root, "bench.duckdb"));
        var context = new StatementContext(incremental.Node.Id, "pipes:bench:identity");
        async Task<object?> Scalar(string sql) => (await target.ExecuteAsync(sql, context, CancellationToken.None)).Rows[0][0];
        async Task<TimeSpan> RunNode(CompiledNode node)
        {
            var clock = Stopwatch.StartNew();
            foreach (var statement in node.Statements) await target.ExecuteAsync(statement, context, CancellationToken.None);
            // As the runner does: nothing new skips the graph and only records the watermarks.
            var gate = node.Gate!;
            if (Convert.ToInt64(await Scalar(gate.SkipQuery), CultureInfo.InvariantCulture) != 0)
            {
                foreach (var statement in gate.WhenSkipped) await target.ExecuteAsync(statement, context, CancellationToken.None);
                return clock.Elapsed;
            }
            foreach (var statement in gate.Statements) await target.ExecuteAsync(statement, context, CancellationToken.None);
            await LoopDriver.RunAsync(target, node.Loop!, context, CancellationToken.None);
            await IdentitySplitRunner.RunAsync(target, (IdentitySplitStep)node.Host!, context, CancellationToken.None);
            foreach (var statement in node.After) await target.ExecuteAsync(statement, context, CancellationToken.None);
            return clock.Elapsed;
        }
        // Every profile with its members, as one number: equal tables give equal checksums. node_key is a stable
        // surrogate (append-only across runs), so keys are left out: ids are compared by (type, value).
        Task<object?> Checksum() => Scalar("""
            SELECT (SELECT COUNT(*) FROM pipes_profiles) || ' profiles, ' || (SELECT COUNT(*) FROM pipes_id_refused_edges) || ' refused, graph '
              || (SELECT SUM(hash(profile_id || ':' || id_type || ':' || id_value)) FROM pipes_id_graph)
              || ', profiles ' || (SELECT SUM(hash(CAST(p AS VARCHAR))) FROM (SELECT * EXCLUDE (canonical_key) FROM pipes_profiles) AS p)
              || ', refused ' || (SELECT SUM(hash(CAST(r AS VARCHAR))) FROM (SELECT * EXCLUDE (from_key, to_key) FROM pipes_id_refused_edges) AS r)
              || ', invalid ' || (SELECT SUM(hash(CAST(i AS VARCHAR))) FROM pipes_id_invalid AS i)
            """);

        foreach (var sql in IdentityBenchData.Realistic(size)) await target.ExecuteAsync(sql, context, CancellationToken.None);
        var first = await RunNode(incremental);
        var batch = size / 100;
        foreach (var sql in IdentityBenchData.NewEvents(size, batch)) await target.ExecuteAsync(sql, context, CancellationToken.None);
        var next = await RunNode(incremental);
        var nextSum = await Checksum();
        var nothing = await RunNode(incremental);
        var rebuild = await RunNode(full);
        var rebuildSum = await Checksum();

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## incremental: realistic {size:N0} event rows, then {batch:N0} new ones"));
        Console.WriteLine();
        Console.WriteLine("| run | seconds | share of the full rebuild |");
        Console.WriteLine("|---|---:|---:|");
        void Line(string run, TimeSpan time) =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {run} | {time.TotalSeconds:0.00} | {time / rebuild:P0} |"));
        Line("first run (no state: reads every row)", first);
        Line("incremental run, 1% new rows", next);
        Line("incremental run, no new rows", nothing);
        Line("--full-refresh on the same rows", rebuild);
        Console.WriteLine();
        Console.WriteLine($"- after the incremental run: {nextSum}");
        Console.WriteLine($"- after the full refresh:    {rebuildSum}");
        Console.WriteLine(nextSum?.ToString() == rebuildSum?.ToString() ? "- identical" : "- DIFFERENT");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- peak working set (process, DuckDB included): {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0):0} MiB"));
    }
}
