using System.Diagnostics;
using System.Globalization;
using Pipes.Core.Compile;
using Pipes.Core.Diagnostics;
using Pipes.Core.Load;
using Pipes.Core.Plan;
using Pipes.Core.Tasks;
using Pipes.Core.Templating;

namespace Pipes.Bench.Compile;

/// <summary>
/// Load + plan + compile of generated projects with N chained SQL models (model_i refs model_{i-1} and, every tenth,
/// an older model too), in folders of 100 with a schema.yml each. Each size runs in its own child process so peak
/// memory is that size's alone.
/// </summary>
public static class CompileBenchmark
{
    public static int Run(string[] args)
    {
        if (args.Length == 2 && args[0] == "--child") return Child(int.Parse(args[1], CultureInfo.InvariantCulture));
        var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : new[] { 1_000, 10_000 };
        Console.WriteLine($"Pipes compile benchmark · {Environment.ProcessorCount} cores · .NET {Environment.Version} · {Build()} build");
        Console.WriteLine();
        Console.WriteLine("| models | load (s) | plan (s) | compile (s) | load+plan+compile, cold (s) | same, warm (s) | write files, new (s) | write files again, unchanged (s) | peak working set (MiB) | cold, CPU (s) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var steps = new List<string>();
        foreach (var size in sizes)
        {
            var self = Environment.ProcessPath!;
            var start = new ProcessStartInfo(self) { RedirectStandardOutput = true };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(CompileBenchmark).Assembly.Location);
            foreach (var a in new[] { "compile", "--child", size.ToString(CultureInfo.InvariantCulture) }) start.ArgumentList.Add(a);
            using var child = Process.Start(start)!;
            var lines = child.StandardOutput.ReadToEnd().TrimEnd().Split('\n');
            child.WaitForExit();
            Console.WriteLine(lines[0]);
            steps.AddRange(lines.Skip(1));
            if (child.ExitCode != 0) return child.ExitCode;
        }
        // Where each size's cold pass went, step by step (LoadTimings): wall, CPU of every thread, bytes allocated. A step
        // that ran beside others (the .sql files are read while the .yml ones are) has its wall time only.
        Console.WriteLine();
        Console.WriteLine("| models | step of the cold pass | wall (s) | CPU (s) | allocated (MiB) |");
        Console.WriteLine("|---:|---|---:|---:|---:|");
        foreach (var line in steps) Console.WriteLine(line);
        return 0;
    }

    private static int Child(int size)
    {
        var root = Path.Combine(Path.GetTempPath(), $"pipes-bench-compile-{size}-{Environment.ProcessId}");
        Generate(root, size);
        try
        {
            // The first pass pays the JIT (what one `pipes compile` pays); the second shows the steady state.
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var timings = new LoadTimings();
            var collections = Collections();
            var cold = Measure(root, size, timings);
            collections = cold.Collections.Zip(collections, (after, before) => after - before).ToArray();
            // CPU of every thread (JIT, GC) during the cold pass, writing excluded: steadier than wall time on a shared machine.
            var coldCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds - cold.WriteCpu;
            var warm = Measure(root, size, new LoadTimings());
            var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {size:N0} | {cold.Load:0.000} | {cold.Plan:0.000} | {cold.Compile:0.000} | **{cold.Total:0.000}** | {warm.Total:0.000} | {cold.Write:0.000} | {warm.Write:0.000} | {peak:0} | {coldCpu:0.000} |"));
            foreach (var step in timings.Steps)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {size:N0} | {step.Name} | {step.Wall.TotalSeconds:0.000} | {step.Cpu?.TotalSeconds:0.000} | {step.Allocated / (1024.0 * 1024.0):0.0} |"));
            Console.WriteLine($"| {size:N0} | garbage collections in the cold pass (gen0, gen1, gen2) | {string.Join(", ", collections)} | | |");
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>ReadyToRun when Pipes.Core carries precompiled native code (dotnet publish -r), else IL (JIT at start).</summary>
    private static string Build()
    {
        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(typeof(Compiler).Assembly.Location));
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0 ? "ReadyToRun" : "IL";
    }

    private static int[] Collections() => [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];

    private static (double Load, double Plan, double Compile, double Total, double Write, double WriteCpu, int[] Collections) Measure(string root, int size, LoadTimings timings)
    {
        var process = Process.GetCurrentProcess();
        var clock = Stopwatch.StartNew();
        var (project, bag) = ProjectLoader.Load(root, new LoadOptions { Timings = timings });
        var load = clock.Elapsed;
        var plan = Planner.Plan(project!, Array.Empty<string>(), Array.Empty<string>(), bag)!;
        var planned = clock.Elapsed;
        timings.Mark("plan");
        var compiler = new Compiler(project!, new TemplateCatalog(root, bag), new CompileOptions());
        timings.Mark("template catalog");
        var compiled = compiler.CompileAll(plan.Selected, bag);
        var done = clock.Elapsed;
        timings.Mark("compile");
        if (bag.HasErrors || compiled.Count != size) throw new InvalidOperationException(string.Join("\n", bag.Items));
        var collections = Collections();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        CompiledFiles.Write(new ProjectSession(project!, plan, compiled));
        var written = clock.Elapsed;
        process.Refresh();
        return (load.TotalSeconds, (planned - load).TotalSeconds, (done - planned).TotalSeconds, done.TotalSeconds, (written - done).TotalSeconds,
            (process.TotalProcessorTime - cpu).TotalSeconds, collections);
    }

    /// <summary>
    /// Models in folders of 100, each folder with its own schema.yml, as large dbt projects are laid out; model i refs
    /// model i-1 (and every tenth also model i/2), so the graph is one long chain across folders.
    /// </summary>
    private static void Generate(string root, int size)
    {
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "pipes_project.yml"), "name: bench\nvars: {limit: 10}\n");
        for (var folder = 0; folder * FolderSize < size; folder++)
        {
            var dir = Path.Combine(root, "models", $"area_{folder:D4}");
            Directory.CreateDirectory(dir);
            var yaml = new System.Text.StringBuilder("models:\n");
            for (var i = folder * FolderSize; i < Math.Min(size, (folder + 1) * FolderSize); i++)
            {
                var sql = i == 0
                    ? "SELECT 1 AS id, 'a' AS name"
                    : i % 10 == 0
                        ? $"SELECT a.id, a.name FROM {{{{ ref \"model_{i - 1}\" }}}} AS a JOIN {{{{ ref \"model_{i / 2}\" }}}} AS b USING (id) LIMIT {{{{ var \"limit\" }}}}"
                        : $"SELECT id, name FROM {{{{ ref \"model_{i - 1}\" }}}} WHERE id > 0";
                File.WriteAllText(Path.Combine(dir, $"model_{i}.sql"), sql);
                yaml.Append(CultureInfo.InvariantCulture, $"  - name: model_{i}\n    config: {{materialized: {(i % 3 == 0 ? "table" : "view")}, tags: [t{i % 7}]}}\n");
            }
            File.WriteAllText(Path.Combine(dir, "schema.yml"), yaml.ToString());
        }
    }

    private const int FolderSize = 100;
}
