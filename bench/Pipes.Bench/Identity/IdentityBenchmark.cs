using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Pipes.Core.Compile;
using Pipes.Core.Load;
using Pipes.Core.Plan;
using Pipes.Core.Run;
using Pipes.Core.Targets.DuckDb;
using Pipes.Core.Tasks;
using Pipes.Core.Identity;
using Pipes.Core.Targets;
using Pipes.Core.Templating;

namespace Pipes.Bench.Identity;

/// <summary>
/// <c>identity [rows...] [--chain n]</c>: generates realistic identity data in DuckDB, compiles the identity node of a
/// project declaring it, and runs that node's real statements, loop and host split (as the runner does) with a clock
/// on each stage; then plain min-label propagation on the same edges, and a long chain. Each case runs in its own
/// child process, so peak memory is that case's alone (DuckDB runs in process, so it is counted).
/// <c>--exclusions n</c> adds n global exclusion values to the rules (100 of them real emails); <c>--chain 0</c> skips
/// the chain; <c>--incremental</c> runs the incremental case instead (IdentityBenchmark.Incremental.cs);
/// <c>--shape entity</c> the entity-heavy data instead of the realistic (IdentityBenchData.Entity.cs); <c>--floor</c>
/// then times reading the inputs and copying the tables the node keeps, with nothing computed (FloorAsync).
/// </summary>
public static partial class IdentityBenchmark
{
    public static int Run(string[] args)
    {
        if (args.Length == 5 && args[0] == "--child")
            return Child(args[1], long.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture), args[4] == "-" ? null : args[4]);
        var chain = 1_000_000L;
        var exclusions = 0;
        string? memoryLimit = null;
        var floor = false;
        var kindOf = "realistic";
        var sizes = new List<long>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--chain") chain = long.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--exclusions") exclusions = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--incremental") (kindOf, chain) = ("incremental", 0);
            else if (args[i] == "--memory-limit") memoryLimit = args[++i];
            else if (args[i] == "--floor") floor = true;
            else if (args[i] == "--shape") kindOf = args[++i] is "realistic" or "entity" ? args[i] : throw new ArgumentException($"--shape {args[i]}: realistic or entity");
            else sizes.Add(long.Parse(args[i].Replace("_", ""), CultureInfo.InvariantCulture));
        }
        if (sizes.Count == 0) sizes.Add(1_000_000);
        Console.WriteLine($"Pipes identity benchmark · {Environment.ProcessorCount} cores · .NET {Environment.Version}");
        foreach (var (kind, size) in sizes.Select(s => (kindOf, s)).Append(("chain", chain)).Where(c => c.Item2 > 0))
        {
            var self = Environment.ProcessPath!;
            var start = new ProcessStartInfo(self) { RedirectStandardOutput = true };
            if (floor) start.Environment[FloorVariable] = "1";
            if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(IdentityBenchmark).Assembly.Location);
            foreach (var a in new[] { "identity", "--child", kind, size.ToString(CultureInfo.InvariantCulture), exclusions.ToString(CultureInfo.InvariantCulture), memoryLimit ?? "-" })
                start.ArgumentList.Add(a);
            using var child = Process.Start(start)!;
            Console.WriteLine(child.StandardOutput.ReadToEnd().TrimEnd());
            child.WaitForExit();
            if (child.ExitCode != 0) return child.ExitCode;
        }
        return 0;
    }

    private static int Child(string kind, long size, int exclusions, string? memoryLimit)
    {
        var root = Path.Combine(Path.GetTempPath(), $"pipes-bench-identity-{kind}-{size}-{Environment.ProcessId}");
        Directory.CreateDirectory(Path.Combine(root, "models"));
        File.WriteAllText(Path.Combine(root, "pipes_project.yml"), "name: bench\nprofile: b\n");
        // The profile's memory_limit (--memory-limit) reaches DuckDB as `pipes run` passes it: TargetFactory.
        File.WriteAllText(Path.Combine(root, "profiles.yml"),
            $"b:\n  target: local\n  outputs:\n    local: {{type: duckdb, path: bench.duckdb{(memoryLimit is null ? "" : ", memory_limit: " + memoryLimit)}}}\n");
        File.WriteAllText(Path.Combine(root, "models", "identity.yml"), kind switch
        {
            "chain" => IdentityBenchData.ChainRules,
            "entity" => IdentityBenchData.EntityRules,
            _ => IdentityBenchData.Rules + IdentityBenchData.MoreExclusions(exclusions) + "\n" + IdentityBenchData.RealisticSources,
        });
        try
        {
            (kind == "incremental" ? RunIncrementalAsync(root, size) : RunAsync(root, kind, size, exclusions)).GetAwaiter().GetResult();
            return 0;
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("PIPES_BENCH_KEEP") != "1") Directory.Delete(root, recursive: true);
        }
    }

    private static async Task RunAsync(string root, string kind, long size, int exclusions)
    {
        var compileClock = Stopwatch.StartNew();
        var (project, bag) = ProjectLoader.Load(root);
        var plan = Planner.Plan(project!, ["identity"], [], bag)!;
        var node = new Compiler(project!, new TemplateCatalog(root, bag), new CompileOptions()).Compile(plan.Selected.Single(), bag);
        if (bag.HasErrors || node is null) throw new InvalidOperationException(string.Join("\n", bag.Items));
        var compileTime = compileClock.Elapsed;

        await using var target = TargetFactory.Open(project!);
        var context = new StatementContext(node.Node.Id, "pipes:bench:identity");
        var stages = new List<(string Stage, TimeSpan Time)>();
        async Task Timed(string stage, Func<Task> work)
        {
            var clock = Stopwatch.StartNew();
            await work();
            stages.Add((stage, clock.Elapsed));
        }
        async Task<long> Scalar(string sql) =>
            Convert.ToInt64((await target.ExecuteAsync(sql, context, CancellationToken.None)).Rows[0][0], CultureInfo.InvariantCulture);

        var data = kind switch
        {
            "chain" => IdentityBenchData.Chain(size),
            "entity" => IdentityBenchData.EntityHeavy(size),
            _ => IdentityBenchData.Realistic(size),
        };
        await Timed("generate data (SQL)", async () => { foreach (var sql in data) await target.ExecuteAsync(sql, context, CancellationToken.None); });
        var total = Stopwatch.StartNew();
        // The run's id and a fixed time for the history (the runner does this before every identity node).
        foreach (var statement in node.Stamp!.Render("bench", DateTime.UnixEpoch))
            await target.ExecuteAsync(statement, context, CancellationToken.None);
        foreach (var statement in node.Statements.Concat(node.Gate?.Statements ?? []))
            await Timed(StageName(statement), () => Explained(target, statement, context));
        var rounds = 0;
        await Timed("component rounds (loop)", async () => rounds = await LoopDriver.RunAsync(target, node.Loop!, context, CancellationToken.None));
        // PIPES_BENCH_TRACE=1: the rounds' statements again, each timed, on the final labels' starting point (a second
        // loop from scratch, after the node, so the node's own figures above stay those of the runner's loop).
        if (Environment.GetEnvironmentVariable("PIPES_BENCH_TRACE") == "1") await TraceRoundsAsync(target, node, context);
        var split = "";
        await Timed("ordered split of violating components (host)", async () => split = await IdentitySplitRunner.RunAsync(target, (IdentitySplitStep)node.Host!, context, CancellationToken.None));
        foreach (var statement in node.After)
            await Timed(StageName(statement), () => Explained(target, statement, context));
        var identityTime = total.Elapsed;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);

        if (exclusions > 0) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- {exclusions:N0} more global exclusions"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- load and compile the project: {compileTime.TotalSeconds:0.00} s"));
        var sources = kind switch
        {
            "chain" => ["chain"],
            "entity" => IdentityBenchData.EntityTables.ToArray(),
            _ => new[] { "events", "crm", "billing" },
        };
        var rows = await Scalar("SELECT " + string.Join(" + ", sources.Select(s => $"(SELECT COUNT(*) FROM {s})")));
        var nodes = await Scalar("SELECT COUNT(*) FROM pipes_id_nodes");
        var edges = await Scalar("SELECT COUNT(*) FROM pipes_id_active_edges");
        var profiles = await Scalar("SELECT COUNT(*) FROM pipes_profiles");
        var shared = await Scalar("SELECT COUNT(DISTINCT node_key) FROM pipes_id_shared");
        var (plainRounds, plainTime, plainConverged) = await PlainPropagationAsync(target, context, kind == "chain" ? 30 : 200);

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## {kind}: {rows:N0} source rows → {nodes:N0} ids, {edges:N0} edges, {shared:N0} shared ids, {profiles:N0} profiles"));
        Console.WriteLine();
        Console.WriteLine("| stage | seconds |");
        Console.WriteLine("|---|---:|");
        foreach (var (stage, time) in stages)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {stage} | {time.TotalSeconds:0.00} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **identity node total** | **{identityTime.TotalSeconds:0.00}** |"));
        Console.WriteLine();
        Console.WriteLine("| stage (statements above, grouped) | statements | seconds |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (stage, count, time) in ByStage(stages.Skip(1).ToList(), rounds))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {stage} | {count} | {time.TotalSeconds:0.00} |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- hook + shortcut rounds: {rounds} (floor(log2 n) + 2 = {Math.Floor(Math.Log2(Math.Max(nodes, 1))) + 2}); split: {split}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- plain min-label propagation on the same edges: {plainRounds} rounds in {plainTime.TotalSeconds:0.00} s{(plainConverged ? "" : " — stopped at the cap, not converged")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- peak working set (process, DuckDB included): {peak:0} MiB; DuckDB memory_limit: {project!.Output.Get("memory_limit") ?? "DuckDB's default (80% of RAM)"}"));
        if (Environment.GetEnvironmentVariable(FloorVariable) == "1") await FloorAsync(target, context, sources);
    }

    /// <summary>Set for the child by <c>--floor</c>.</summary>
    private const string FloorVariable = "PIPES_BENCH_FLOOR";

    /// <summary>
    /// A floor under any formulation that reads these inputs and keeps this state, with nothing computed: each source
    /// table scanned once with a SHA-256 of each row's text (the fingerprints' work), then each table the node leaves in
    /// the database file for later runs and commands (state, outputs, and the scratch and change tables pipes plan
    /// reads) copied once as it is. Issue 14's time targets are compared with it in docs/identity.md.
    /// </summary>
    private static async Task FloorAsync(ITarget target, StatementContext context, IReadOnlyList<string> sources)
    {
        string[] kept =
        [
            "pipes_id_source_rows", "pipes_id_observations", "pipes_id_nodes", "pipes_id_edges", "pipes_id_active_edges",
            "pipes_id_components", "pipes_id_graph_next", "pipes_id_graph_changes", "pipes_id_graph", "pipes_profiles_next",
            "pipes_profiles_changes", "pipes_profiles", "pipes_id_history",
        ];
        // Unordered writes, as the node's own (the dialect's setting; reset when the child process ends)
        await target.ExecuteAsync(target.Dialect.UnorderedWritesBegin, context, CancellationToken.None);
        Console.WriteLine();
        Console.WriteLine("### floor: each source scanned once with a SHA-256 per row, each kept table copied once; nothing computed");
        Console.WriteLine();
        Console.WriteLine("| table | rows | seconds |");
        Console.WriteLine("|---|---:|---:|");
        var total = TimeSpan.Zero;
        async Task Copy(string label, string create)
        {
            var clock = Stopwatch.StartNew();
            await target.ExecuteAsync(create, context, CancellationToken.None);
            total += clock.Elapsed;
            var rows = Convert.ToInt64((await target.ExecuteAsync("SELECT COUNT(*) FROM pipes_bench_floor", context, CancellationToken.None)).Rows[0][0], CultureInfo.InvariantCulture);
            await target.ExecuteAsync("DROP TABLE pipes_bench_floor", context, CancellationToken.None);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {rows:N0} | {clock.Elapsed.TotalSeconds:0.00} |"));
        }
        foreach (var source in sources)
            await Copy("read " + source, $"CREATE OR REPLACE TEMP TABLE pipes_bench_floor AS SELECT sha256(CAST(t AS VARCHAR)) AS row_key FROM {source} AS t");
        foreach (var table in kept)
            await Copy(table, $"CREATE OR REPLACE TABLE pipes_bench_floor AS SELECT * FROM {table}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **floor** | | **{total.TotalSeconds:0.00}** |"));
    }

    /// <summary>
    /// Runs a statement; with PIPES_BENCH_EXPLAIN=&lt;regex&gt;, a statement whose stage name matches runs under DuckDB's
    /// EXPLAIN ANALYZE instead (it still executes), and its plan with each operator's time goes to standard error.
    /// </summary>
    private static async Task Explained(ITarget target, string statement, StatementContext context)
    {
        var pattern = Environment.GetEnvironmentVariable("PIPES_BENCH_EXPLAIN");
        if (string.IsNullOrEmpty(pattern) || !Regex.IsMatch(StageName(statement), pattern))
        {
            await target.ExecuteAsync(statement, context, CancellationToken.None);
            return;
        }
        var plan = await target.ExecuteAsync("EXPLAIN ANALYZE " + statement, context, CancellationToken.None);
        await Console.Error.WriteLineAsync($"## {StageName(statement)}\n{string.Join("\n", plan.Rows.Select(r => r[^1]))}");
    }

    /// <summary>Prints each round statement's seconds, rerunning the rounds from their first frontier on copies.</summary>
    private static async Task TraceRoundsAsync(ITarget target, CompiledNode node, StatementContext context)
    {
        // The rounds start again from prepare_graph's starting point: its own statements for the labels, the frontier
        // and the first connect step, taken from the compiled node.
        foreach (var table in new[] { "temp.pipes_id_labels", "temp.pipes_id_frontier", "temp.pipes_id_hooked" })
            await target.ExecuteAsync(node.Statements.Concat(node.Gate?.Statements ?? []).Single(s => StageName(s) == table), context, CancellationToken.None);
        await target.ExecuteAsync("CREATE OR REPLACE TABLE pipes_id_rounds (round_no INTEGER, changed_labels BIGINT)", context, CancellationToken.None);
        for (var round = 1; round < 64; round++)
        {
            foreach (var statement in node.Loop!.Round)
            {
                var clock = Stopwatch.StartNew();
                await target.ExecuteAsync(statement, context, CancellationToken.None);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round}: {clock.Elapsed.TotalSeconds,6:0.00} s  {StageName(statement)}"));
            }
            if (Convert.ToInt64((await target.ExecuteAsync(node.Loop.ChangedQuery, context, CancellationToken.None)).Rows[0][0], CultureInfo.InvariantCulture) == 0) return;
        }
    }

    /// <summary>Each node takes the smallest label of itself and its neighbours, until nothing changes (or the cap).</summary>
    private static async Task<(int Rounds, TimeSpan Time, bool Converged)> PlainPropagationAsync(ITarget target, StatementContext context, int cap)
    {
        var clock = Stopwatch.StartNew();
        await target.ExecuteAsync("CREATE OR REPLACE TABLE plain_labels AS SELECT node_key, node_key AS label FROM pipes_id_nodes", context, CancellationToken.None);
        // The node drops its links at the end of the run; the active edges both ways are the same links.
        await target.ExecuteAsync("CREATE OR REPLACE TABLE plain_links AS SELECT from_key AS a, to_key AS b FROM pipes_id_active_edges UNION ALL SELECT to_key, from_key FROM pipes_id_active_edges", context, CancellationToken.None);
        for (var round = 1; round <= cap; round++)
        {
            await target.ExecuteAsync("""
                CREATE OR REPLACE TABLE plain_next AS
                SELECT l.node_key, LEAST(l.label, COALESCE(m.label, l.label)) AS label
                FROM plain_labels AS l
                LEFT JOIN (SELECT k.a, MIN(p.label) AS label FROM plain_links AS k JOIN plain_labels AS p ON p.node_key = k.b GROUP BY k.a) AS m ON m.a = l.node_key
                """, context, CancellationToken.None);
            var changed = Convert.ToInt64((await target.ExecuteAsync(
                "SELECT COUNT(*) FROM plain_next AS n JOIN plain_labels AS l USING (node_key) WHERE n.label <> l.label", context, CancellationToken.None)).Rows[0][0], CultureInfo.InvariantCulture);
            await target.ExecuteAsync("DROP TABLE plain_labels", context, CancellationToken.None);
            await target.ExecuteAsync("ALTER TABLE plain_next RENAME TO plain_labels", context, CancellationToken.None);
            if (changed == 0) return (round, clock.Elapsed, true);
        }
        return (cap, clock.Elapsed, false);
    }

    /// <summary>
    /// The node's statements (in run order, data generation left out) grouped into the stages of issue 14: staging and
    /// observations up to the nodes table, nodes and edges up to the loop, the rounds, the host split, graph and
    /// profiles up to the profiles table, then publish (swaps, change counts, history, watermarks). Grouped by the table
    /// each statement writes, so the identity templates need no markers.
    /// </summary>
    private static List<(string Stage, int Statements, TimeSpan Time)> ByStage(List<(string Stage, TimeSpan Time)> statements, int rounds)
    {
        var groups = new List<(string Stage, int Statements, TimeSpan Time)>();
        var stage = "staging and observations";
        foreach (var (name, time) in statements)
        {
            if (name == "pipes_id_nodes") stage = "nodes and edges";
            else if (name.StartsWith("component rounds", StringComparison.Ordinal)) stage = $"rounds ({rounds})";
            else if (name.StartsWith("ordered split", StringComparison.Ordinal)) stage = "split (host)";
            else if (stage == "split (host)") stage = "graph and profiles";
            var ended = stage == "graph and profiles" && name == "pipes_profiles_next";
            if (groups.Count > 0 && groups[^1].Stage == stage) groups[^1] = (stage, groups[^1].Statements + 1, groups[^1].Time + time);
            else groups.Add((stage, 1, time));
            if (ended) stage = "publish";
        }
        return groups;
    }

    /// <summary>The table a statement writes, for the stage column.</summary>
    private static string StageName(string statement)
    {
        var match = Written().Match(statement);
        return match.Success ? (statement.Contains("DROP TABLE", StringComparison.Ordinal) ? "drop " : "") + match.Groups[1].Value.Replace("\"", "") : statement.Split('\n').First(l => !l.StartsWith("--", StringComparison.Ordinal));
    }

    [GeneratedRegex("(?:CREATE OR REPLACE (?:TEMP |TRANSIENT )?TABLE|DROP TABLE|INSERT INTO) (\\S+)")]
    private static partial Regex Written();
}
