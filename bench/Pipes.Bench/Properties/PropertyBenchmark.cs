using System.Diagnostics;
using System.Globalization;
using Pipes.Core.Compile;
using Pipes.Core.Load;
using Pipes.Core.Plan;
using Pipes.Core.Run;
using Pipes.Core.Targets;
using Pipes.Core.Targets.DuckDb;
using Pipes.Core.Templating;

namespace Pipes.Bench.Properties;

/// <summary>
/// <c>properties --incremental [rows]</c> (docs/properties.md, Incremental runs): two property models of N rows each
/// on DuckDB, in one process: <c>contacts</c> without iterator (every row read each run, compared by fingerprint) and
/// <c>deals</c> with a number iterator and a unique_key. Six survivorship rules between them. A first (full) run,
/// then 1% of the rows of each input changed in place or new, then a run with no change, then a --full-refresh on
/// the same rows, whose property tables must equal the incremental ones; shares are of that full refresh. The graph is written directly (two
/// emails per profile, a tenth unmatched): the identity node is not what is measured.
/// </summary>
public static class PropertyBenchmark
{
    private const string Rules = """
        identity:
          id_types:
            email: {priority: 1, normalize: [lowercase]}
        sources:
          - name: app
            schema: main
            tables:
              - name: users
                identifiers: [{column: email, type: email}]
              - name: contacts
              - name: deals
                incremental: {iterator: loaded_at, iterator_type: number, lookback: 0}
        properties:
          - name: contacts
            from: app.contacts
            key: {column: email, type: email}
            updated_at: updated_at
            columns:
              stage: {type: string}
              amount: {type: number, survivorship: sum}
              seats: {type: integer, survivorship: max}
              enterprise: {type: boolean, survivorship: any_true}
              source: {type: string, survivorship: most_frequent}
          - name: deals
            from: app.deals
            key: {column: email, type: email}
            unique_key: deal_id
            updated_at: closed_at
            columns:
              deal_stage: {type: string}
              deal_value: {type: number, survivorship: sum}
              deal_count: {type: string, survivorship: count}
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.FirstOrDefault() != "--incremental")
        {
            Console.Error.WriteLine("usage: Pipes.Bench properties --incremental [rows]");
            return 2;
        }
        var size = args.Length > 1 ? long.Parse(args[1].Replace("_", ""), CultureInfo.InvariantCulture) : 1_000_000;
        var root = Path.Combine(Path.GetTempPath(), $"pipes-bench-properties-{size}-{Environment.ProcessId}");
        Directory.CreateDirectory(Path.Combine(root, "models"));
        File.WriteAllText(Path.Combine(root, "pipes_project.yml"), "name: bench\nprofile: b\n");
        File.WriteAllText(Path.Combine(root, "profiles.yml"), "b:\n  target: local\n  outputs:\n    local: {type: duckdb, path: bench.duckdb}\n");
        File.WriteAllText(Path.Combine(root, "models", "properties.yml"), Rules);
        try
        {
            await RunIncrementalAsync(root, size);
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task RunIncrementalAsync(string root, long size)
    {
        var (project, bag) = ProjectLoader.Load(root);
        if (project is null) throw new InvalidOperationException(string.Join("\n", bag.Items));
        var plan = Planner.Plan(project, ["contacts", "deals"], [], bag) ?? throw new InvalidOperationException(string.Join("\n", bag.Items));
        List<CompiledNode> Compile(bool fullRefresh) => plan.Selected.OrderBy(n => n.Name, StringComparer.Ordinal).Select(n =>
            new Compiler(project, new TemplateCatalog(root, bag), new CompileOptions { FullRefresh = fullRefresh }).Compile(n, bag)
            ?? throw new InvalidOperationException(string.Join("\n", bag.Items))).ToList();
        var incremental = Compile(false);
        var full = Compile(true);

        await using var target = DuckDbTarget.Open(Path.Combine(root, "bench.duckdb"));
        var context = new StatementContext("bench", "pipes:bench:properties");
        // PIPES_BENCH_TRACE=1 prints each run's slowest statements (first lines and seconds).
        var trace = Environment.GetEnvironmentVariable("PIPES_BENCH_TRACE") == "1";
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
            foreach (var (seconds, sql) in slow.OrderByDescending(x => x.Seconds).Take(10))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {seconds,6:0.00} s  {(sql.Length > 120 ? sql[..120] : sql)}"));
            slow.Clear();
        }
        async Task<TimeSpan> RunNode(CompiledNode node)
        {
            var clock = Stopwatch.StartNew();
            // The runner's own guard step (its setup creates the column-type record the probe reads).
            await KindGuardRunner.RunAsync(target, node.Guard, context, CancellationToken.None);
            foreach (var statement in node.Statements) await Execute(statement);
            return clock.Elapsed;
        }
        async Task<string> Recomputed(string model) =>
            Convert.ToString((await Execute($"SELECT COUNT(*) FROM pipes_properties_dirty_{model} WHERE profile_id IS NOT NULL")).Rows[0][0], CultureInfo.InvariantCulture)!;
        async Task<string> Checksum(string model) => Convert.ToString((await Execute(
            $"SELECT COUNT(*) || ' rows, ' || COALESCE(SUM(hash(CAST(p AS VARCHAR))), 0) FROM pipes_property_{model} AS p")).Rows[0][0], CultureInfo.InvariantCulture)!;

        foreach (var sql in Data(size)) await Execute(sql);
        var runs = new List<(string Run, TimeSpan[] Times, string[] Recomputed)>();
        async Task Run(string name, List<CompiledNode> nodes)
        {
            var times = new TimeSpan[nodes.Count];
            var recomputed = new string[nodes.Count];
            for (var i = 0; i < nodes.Count; i++)
            {
                times[i] = await RunNode(nodes[i]);
                recomputed[i] = await Recomputed(nodes[i].Node.Name);
            }
            runs.Add((name, times, recomputed));
            Slowest(name);
        }
        await Run("first run (no state: every row)", incremental);
        foreach (var sql in Changes(size)) await Execute(sql);
        await Run("1% of the rows changed or new", incremental);
        var after = new[] { await Checksum("contacts"), await Checksum("deals") };
        await Run("no change", incremental);
        await Run("--full-refresh on the same rows", full);
        var rebuilt = new[] { await Checksum("contacts"), await Checksum("deals") };

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## properties --incremental: {size:N0} rows per input, then {size / 100:N0} changed or new"));
        Console.WriteLine();
        Console.WriteLine("Share: of the --full-refresh on the same rows (every row read and converted, every profile computed, in a warm process).");
        Console.WriteLine();
        Console.WriteLine("| run | contacts (no iterator) s | share | profiles recomputed | deals (iterator, unique_key) s | share | profiles recomputed |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var first = runs[^1].Times;
        foreach (var (name, times, recomputed) in runs)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {times[0].TotalSeconds:0.00} | {times[0] / first[0]:P0} | {recomputed[0]} | {times[1].TotalSeconds:0.00} | {times[1] / first[1]:P0} | {recomputed[1]} |"));
        Console.WriteLine();
        Console.WriteLine($"- after the 1% run:       contacts {after[0]}; deals {after[1]}");
        Console.WriteLine($"- after --full-refresh:   contacts {rebuilt[0]}; deals {rebuilt[1]}");
        Console.WriteLine(after.SequenceEqual(rebuilt) ? "- identical" : "- DIFFERENT");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- peak working set (process, DuckDB included): {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0):0} MiB"));
    }

    /// <summary>
    /// N contact rows and N deal rows over N/4 emails (about four rows each), two emails per profile, a tenth of the
    /// emails unknown to the graph; a few values that do not coerce.
    /// </summary>
    private static IEnumerable<string> Data(long size)
    {
        var emails = Math.Max(1, size / 4);
        yield return $"""
            CREATE TABLE users AS SELECT 'user' || i || '@x.com' AS email FROM range({emails}) AS t(i)
            """;
        yield return $"""
            CREATE TABLE pipes_id_graph AS
            SELECT 'email' AS id_type, 'user' || i || '@x.com' AS id_value, i AS node_key, i AS canonical_key, 'pf_' || (i // 2) AS profile_id
            FROM range({emails}) AS t(i) WHERE i % 10 <> 9
            """;
        yield return $"""
            CREATE TABLE contacts AS
            SELECT CASE WHEN i % 7 = 0 THEN 'USER' ELSE 'user' END || (i % {emails}) || '@x.com' AS email,
              TIMESTAMP '2026-01-01' + INTERVAL (i % 1000) MINUTE AS updated_at,
              (['trial', 'won', 'lost', 'open'])[1 + i % 4] AS stage,
              CASE WHEN i % 50 = 0 THEN 'n/a' ELSE CAST((i % 997) * 1.25 AS VARCHAR) END AS amount,
              CAST(i % 40 AS VARCHAR) AS seats,
              (['yes', 'no', 'maybe'])[1 + i % 3] AS enterprise,
              (['web', 'sales', 'partner'])[1 + (i // 3) % 3] AS source
            FROM range({size}) AS t(i)
            """;
        yield return $"""
            CREATE TABLE deals AS
            SELECT 'd' || i AS deal_id, i // 1000 AS loaded_at, 'user' || ((i * 7) % {emails}) || '@x.com' AS email,
              CAST(DATE '2026-01-01' + CAST(i % 300 AS INTEGER) AS VARCHAR) AS closed_at,
              (['open', 'won', 'lost'])[1 + i % 3] AS deal_stage,
              CAST((i % 500) * 2.5 AS VARCHAR) AS deal_value, 'd' || i AS deal_count
            FROM range({size}) AS t(i)
            """;
    }

    /// <summary>1% of each input: half its rows changed in place, half new (deals: a later load time for both).</summary>
    private static IEnumerable<string> Changes(long size)
    {
        var half = Math.Max(1, size / 200);
        var emails = Math.Max(1, size / 4);
        yield return $"UPDATE contacts SET stage = 'renewed', amount = '42' WHERE hash(email || CAST(updated_at AS VARCHAR) || seats) % {size / half} = 0";
        yield return $"""
            INSERT INTO contacts
            SELECT 'user' || ((i * 13) % {emails}) || '@x.com', TIMESTAMP '2026-06-01', 'won', '10', '3', 'yes', 'web' FROM range({half}) AS t(i)
            """;
        yield return $"UPDATE deals SET deal_stage = 'won', deal_value = '99', loaded_at = {size} WHERE hash(deal_id) % {size / half} = 0";
        yield return $"""
            INSERT INTO deals
            SELECT 'n' || i, {size}, 'user' || ((i * 11) % {emails}) || '@x.com', '2026-07-01', 'open', '5', 'n' || i FROM range({half}) AS t(i)
            """;
    }
}
