using System.Diagnostics;
using System.Text.Json;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;
using Xunit.Abstractions;

namespace Pipes.Tests.Load;

/// <summary>
/// Mutates the sample project's files (<see cref="ProjectMutator"/>, one or two edits per case, fixed seed) and loads,
/// plans and compiles each result in process, as <c>pipes ls</c> does. Whatever the damage: no exception escapes
/// (the CLI would print "internal error", exit 2), exit 1 comes with at least one error and exit 0 with none, and every
/// error names a file and a line. A few of the compiles that succeed after a YAML edit are built on DuckDB, where they
/// must finish with exit 0 or 1, never a crash. Failing inputs found this way are kept as cases under Cases/.
/// PIPES_FUZZ_CASES=n runs more cases, PIPES_FUZZ_SEED=s another sequence, PIPES_FUZZ_BUILDS=n more DuckDB builds.
/// </summary>
public sealed class ProjectFuzzTests(ITestOutputHelper log)
{
    private const int DefaultCases = 300;
    private const int DefaultSeed = 19;
    private const int DefaultBuilds = 3;

    [Fact]
    public async Task Mutated_projects_fail_clearly_at_a_line_or_compile_to_sql_that_runs()
    {
        var cases = int.TryParse(Environment.GetEnvironmentVariable("PIPES_FUZZ_CASES"), out var n) ? n : DefaultCases;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PIPES_FUZZ_SEED"), out var s) ? s : DefaultSeed;
        var maxBuilds = int.TryParse(Environment.GetEnvironmentVariable("PIPES_FUZZ_BUILDS"), out var b) ? b : DefaultBuilds;
        using var project = TestProject.SampleOnDuckDb();
        var files = Weighted(project.Root);
        var originals = files.Distinct().ToDictionary(f => f, project.Read);
        var random = new Random(seed);
        var failures = new List<string>();
        var (failed, succeeded, builds) = (0, 0, 0);
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < cases; i++)
        {
            var edits = new List<string>();
            var changed = new HashSet<string>(StringComparer.Ordinal);
            for (var e = 1 + random.Next(2); e > 0; e--)
            {
                var file = files[random.Next(files.Count)];
                var (text, what) = ProjectMutator.Mutate(project.Read(file), random);
                File.WriteAllText(Path.Combine(project.Root, file), text); // as written: CR and NUL included
                changed.Add(file);
                edits.Add($"{file}: {what}");
            }
            var label = $"case {i} ({string.Join("; ", edits)})";
            var (code, problem) = Check(project, () => project.Invoke(LsTask.Execute, json: true));
            if (code == ExitCodes.Success) succeeded++;
            else failed++;
            // A YAML-only edit leaves every SELECT as written by Pipes' templates: the build must run it.
            if (problem is null && code == ExitCodes.Success && builds < maxBuilds && changed.All(f => f.EndsWith(".yml", StringComparison.Ordinal)))
            {
                builds++;
                var target = Path.Combine(project.Root, "target");
                if (Directory.Exists(target)) Directory.Delete(target, recursive: true); // each build starts clean, as its own project would
                (_, problem) = Check(project, () => project.Run("build", json: true));
                problem = problem is null ? null : "build: " + problem;
            }
            if (problem is not null)
            {
                failures.Add($"{label}: {problem}");
                Keep(project, changed, i);
            }
            foreach (var file in changed) project.Write(file, originals[file]);
        }

        log.WriteLine($"{cases} cases in {clock.Elapsed.TotalSeconds:0.0}s: {failed} refused with errors, {succeeded} compiled, {builds} built on DuckDB");
        failures.ShouldBeEmpty(string.Join("\n", failures));
    }

    private static readonly string[] UserNameOrDataErrors = { "Binder Error", "Catalog Error", "Conversion Error", "Constraint Error" };

    /// <summary>Exit code and what is wrong with the outcome, or null when it is what a user should see.</summary>
    private static (int Code, string? Problem) Check(TestProject project, Func<(int Code, string Stdout, string Stderr)> run)
    {
        int code;
        string stdout, stderr;
        try
        {
            (code, stdout, stderr) = run();
        }
        catch (Exception e)
        {
            return (ExitCodes.Crash, $"{e.GetType().Name} escaped: {e.Message}\n{e.StackTrace}");
        }
        if (code is not (ExitCodes.Success or ExitCodes.Failure)) return (code, $"exit code {code}");
        var errors = 0;
        // With --log-format json, diagnostics go to stderr and a failed node's line to stdout.
        foreach (var line in (stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.GetProperty("level").GetString() != "error") continue;
            errors++;
            var message = root.GetProperty("message").GetString();
            if (message?.Contains("internal error", StringComparison.OrdinalIgnoreCase) == true) return (code, "internal error: " + line);
            // A node that fails in the database after a clean compile: SQL Pipes wrote does not run. Names and data the
            // edit introduced (a test on a column the model lacks, a seed column typed integer) fail by design at run
            // time, as in dbt: DuckDB's binder, catalog, conversion and constraint errors. A push can fail for reasons
            // that are not SQL (an edit that turned dry_run off with no API key set).
            if (root.TryGetProperty("status", out var status) && status.GetString() == "error"
                && root.GetProperty("node").GetString()?.StartsWith("destination.", StringComparison.Ordinal) == false
                && !UserNameOrDataErrors.Any(e => message?.Contains(e, StringComparison.Ordinal) == true))
                return (code, "a node failed in the database: " + line);
            // Diagnostics name a file and a line.
            if (root.TryGetProperty("code", out _) && (root.GetProperty("file").GetString() is not { Length: > 0 } || root.GetProperty("line").GetInt32() <= 0))
                return (code, "error without a file and line: " + line);
        }
        if (code == ExitCodes.Failure && errors == 0) return (code, "exit 1 without any error: " + stdout + stderr);
        if (code == ExitCodes.Success && errors > 0 && !stderr.Contains("node_finished", StringComparison.Ordinal)) return (code, "exit 0 with errors: " + stderr);
        return (code, null);
    }

    /// <summary>Files to mutate: YAML weighs three, SQL two, CSV one (seeds are large and mostly rows).</summary>
    private static List<string> Weighted(string root)
    {
        var all = new[] { "pipes_project.yml", "profiles.yml" }
            .Concat(new[] { "models", "seeds" }.SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*", SearchOption.AllDirectories))
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')))
            .Order(StringComparer.Ordinal).ToList();
        return all.SelectMany(f => Enumerable.Repeat(f, f.EndsWith(".yml", StringComparison.Ordinal) ? 3 : f.EndsWith(".sql", StringComparison.Ordinal) ? 2 : 1)).ToList();
    }

    /// <summary>With PIPES_FUZZ_KEEP=dir, the damaged files of a failing case are copied there, to become a case under Cases/.</summary>
    private static void Keep(TestProject project, IEnumerable<string> changed, int index)
    {
        if (Environment.GetEnvironmentVariable("PIPES_FUZZ_KEEP") is not { Length: > 0 } keep) return;
        foreach (var file in changed)
        {
            var to = Path.Combine(keep, $"case-{index}", file);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(Path.Combine(project.Root, file), to, overwrite: true);
        }
    }
}
