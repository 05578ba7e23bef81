using System.Diagnostics;
using System.Globalization;
using Pipes.Core.Compile;
using Pipes.Core.Load;
using Pipes.Core.Plan;
using Pipes.Core.Run;
using Pipes.Core.Targets.DuckDb;
using Pipes.Core.Identity;
using Pipes.Core.Targets;
using Pipes.Core.Templating;

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
        // PIPES_BENCH_TRACE=1 prints each run's slowest statements (first line and seconds); PIPES_BENCH_TRACE=n (n > 1),
        // the n slowest.
        var traceSetting = Environment.GetEnvironmentVariable("PIPES_BENCH_TRACE");
        var traced = int.TryParse(traceSetting, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var trace = traced >= 1;
        var top = traced > 1 ? traced : 12;
        var slow = new List<(double Seconds, string Sql)>();
        async Task<StatementResult> Execute(string sql)
        {
            var watch = Stopwatch.StartNew();
            var result = await target.ExecuteAsync(sql, context, CancellationToken.None);
            if (trace) slow.Add((watch.Elapsed.TotalSeconds, string.Join(" ", sql.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal)).Take(2))));
            return result;
        }
        void Slowest(string run)
        {
            if (!trace) return;
            Console.WriteLine($"slowest statements, {run}:");
            var ordered = slow.OrderByDescending(x => x.Seconds).ToList();
            foreach (var (seconds, sql) in ordered.Take(top))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {seconds,6:0.00} s  {(sql.Length > 110 ? sql[..110] : sql)}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {ordered.Skip(top).Sum(x => x.Seconds),6:0.00} s  the other {Math.Max(0, ordered.Count - top)} statements"));
            slow.Clear();
        }
        async Task<object?> Scalar(string sql) => (await Execute(sql)).Rows[0][0];
        async Task<TimeSpan> RunNode(CompiledNode node)
        {
            var clock = Stopwatch.StartNew();
            // As the runner does: the run's id and time first (the history reads them).
            foreach (var statement in node.Stamp?.Render(Guid.NewGuid().ToString(), DateTime.UtcNow) ?? []) await Execute(statement);
            foreach (var statement in node.Statements) await Execute(statement);
            // As the runner does: nothing new skips the graph and only records the watermarks.
            var gate = node.Gate!;
            if (Convert.ToInt64(await Scalar(gate.SkipQuery), CultureInfo.InvariantCulture) != 0)
            {
                foreach (var statement in gate.WhenSkipped) await Execute(statement);
                return clock.Elapsed;
            }
            foreach (var statement in gate.Statements) await Execute(statement);
            var step = Stopwatch.StartNew();
            await LoopDriver.RunAsync(target, node.Loop!, context, CancellationToken.None);
            if (trace) slow.Add((step.Elapsed.TotalSeconds, "(the component rounds, LoopDriver)"));
            step.Restart();
            await IdentitySplitRunner.RunAsync(target, (IdentitySplitStep)node.Host!, context, CancellationToken.None);
            if (trace) slow.Add((step.Elapsed.TotalSeconds, "(the host split, IdentitySplitRunner)"));
            foreach (var statement in node.After) await Execute(statement);
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
        Slowest("first run");
        var batch = size / 100;
        foreach (var sql in IdentityBenchData.NewEvents(size, batch)) await target.ExecuteAsync(sql, context, CancellationToken.None);
        var next = await RunNode(incremental);
        Slowest("incremental, 1% new rows");
        var nextSum = await Checksum();
        slow.Clear(); // the checksum is the bench's, not the next run's
        var nothing = await RunNode(incremental);
        Slowest("incremental, no new rows");
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
