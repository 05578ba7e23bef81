using System.Diagnostics;
using System.Globalization;
using Pipes.Core.Compile;
using Pipes.Core.Load;
using Pipes.Core.Plan;
using Pipes.Core.Run;
using Pipes.Core.Targets.DuckDb;
using Pipes.Tests.TestKit;
using Pipes.Core.Targets;
using Pipes.Core.Templating;

namespace Pipes.Bench.Seed;

/// <summary>
/// Loads a generated seed (quotes, commas, newlines, empty fields, non-ASCII text) into a DuckDB file and checks that
/// every row arrived: the row count and an MD5 of the content, computed by DuckDB, must equal the CSV's.
/// </summary>
public static class SeedBenchmark
{
    public static async Task<int> RunAsync(IReadOnlyList<int> sizes)
    {
        Console.WriteLine($"Pipes seed benchmark · {Environment.ProcessorCount} cores · .NET {Environment.Version}");
        Console.WriteLine();
        Console.WriteLine("| rows | CSV (MiB) | load + parse (s) | compile (s) | run: append + cast (s) | total (s) | rows and checksum equal | peak working set (MiB) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---|---:|");
        foreach (var size in sizes)
        {
            var root = Path.Combine(Path.GetTempPath(), $"pipes-bench-seed-{size}-{Environment.ProcessId}");
            try
            {
                if (!await MeasureAsync(root, size)) return 1;
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }
        return 0;
    }

    private static async Task<bool> MeasureAsync(string root, int size)
    {
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "pipes_project.yml"), "name: bench\n");
        Directory.CreateDirectory(Path.Combine(root, "models"));
        File.WriteAllText(Path.Combine(root, "models", "seeds.yml"), "seeds:\n  - name: big\n    config:\n      column_types: {name: string}\n");
        var csvPath = Path.Combine(root, "seeds", "big.csv");
        var (_, checksum) = GeneratedSeed.Write(csvPath, size);

        var clock = Stopwatch.StartNew();
        var (project, bag) = ProjectLoader.Load(root);
        var loaded = clock.Elapsed;
        var plan = Planner.Plan(project!, [], [], bag)!;
        var compiled = new Compiler(project!, new TemplateCatalog(root, bag), new CompileOptions()).CompileAll(plan.Selected, bag);
        var compiledAt = clock.Elapsed;
        if (bag.HasErrors) throw new InvalidOperationException(string.Join("\n", bag.Items));

        await using var target = DuckDbTarget.Open(Path.Combine(root, "bench.duckdb"));
        var results = await new Runner(target, "bench", new Silent(), new RunOptions()).RunAsync(compiled, CancellationToken.None);
        var ran = clock.Elapsed;
        if (results.Single().Status != RunStatus.Success) throw new InvalidOperationException(results.Single().Message);

        var context = StatementContext.Adhoc("bench");
        var count = (await target.ExecuteAsync("SELECT COUNT(*) FROM big", context, CancellationToken.None)).Rows[0][0];
        var content = (await target.ExecuteAsync(GeneratedSeed.ChecksumQuery("big"), context, CancellationToken.None)).Rows[0][0];
        var equal = Equals(count, (long)size) && Equals(content, checksum);
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        var mib = new FileInfo(csvPath).Length / (1024.0 * 1024.0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {size:N0} | {mib:0.0} | {loaded.TotalSeconds:0.00} | {(compiledAt - loaded).TotalSeconds:0.00} | {(ran - compiledAt).TotalSeconds:0.00} | **{ran.TotalSeconds:0.00}** | {(equal ? "yes" : $"NO ({count} rows, {content})")} | {peak:0} |"));
        return equal;
    }

    private sealed class Silent : IRunReporter
    {
        public void Started(int index, int total, string nodeId, string description) { }

        public void Finished(int index, int total, RunResult result) { }
    }
}
