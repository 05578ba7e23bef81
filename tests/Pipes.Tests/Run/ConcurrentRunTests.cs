using System.Text.Json;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Run;

/// <summary>--threads on real DuckDB: the same tables and artifacts as a serial run, failures skipping only their dependants, a wide DAG.</summary>
public sealed class ConcurrentRunTests
{
    [Fact]
    public async Task Four_threads_build_the_sample_as_one_thread_does()
    {
        using var serial = TestProject.SampleOnDuckDb();
        using var concurrent = TestProject.SampleOnDuckDb();

        var one = serial.Run("build");
        var four = concurrent.Run("build", concurrent.Options() with { Threads = 4 });

        one.ExitCode.ShouldBe(0, one.Stdout + one.Stderr);
        four.ExitCode.ShouldBe(0, four.Stdout + four.Stderr);
        four.Stdout.ShouldContain("Concurrency: 4 threads");
        Results(concurrent).ShouldBe(Results(serial));
        // The finished lines come in the serial order; only timings differ.
        FinishedLines(four.Stdout).ShouldBe(FinishedLines(one.Stdout));
        await using var a = DuckDb.Open(serial);
        await using var b = DuckDb.Open(concurrent);
        foreach (var table in new[] { "pipes_profiles", "pipes_id_graph", "pipes_property_crm", "pipes_property_billing", "pipes_property_product", "pipes_property_rejects", "account_overview", "user_activity" })
            (await Digest(b, table)).ShouldBe(await Digest(a, table), table);
    }

    [Fact]
    public void A_failing_node_skips_only_its_dependants_at_four_threads()
    {
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: t\nprofile: t\n",
            ["profiles.yml"] = "t:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb, threads: 4}\n",
            ["models/broken.sql"] = "SELECT * FROM no_such_table",
            ["models/after_broken.sql"] = "SELECT * FROM {{ ref \"broken\" }}",
            ["models/fine_a.sql"] = "SELECT 1 AS id",
            ["models/fine_b.sql"] = "SELECT * FROM {{ ref \"fine_a\" }}",
            ["models/fine_c.sql"] = "SELECT 2 AS id",
        });

        var (code, stdout, stderr) = project.Run("run");

        code.ShouldBe(ExitCodes.Failure);
        stdout.ShouldContain("Concurrency: 4 threads"); // from the profile's threads:
        stderr.ShouldContain("broken failed");
        var statuses = JsonDocument.Parse(project.Read("target/run_results.json")).RootElement.GetProperty("results").EnumerateArray()
            .ToDictionary(r => r.GetProperty("unique_id").GetString()!, r => r.GetProperty("status").GetString());
        statuses.ShouldBe(new Dictionary<string, string?>
        {
            ["model.t.broken"] = "error",
            ["model.t.after_broken"] = "skipped",
            ["model.t.fine_a"] = "success",
            ["model.t.fine_b"] = "success",
            ["model.t.fine_c"] = "success",
        }, ignoreOrder: true);
    }

    [Fact]
    public void A_failing_error_test_skips_what_reads_the_tested_model_at_four_threads()
    {
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: t\nprofile: t\n",
            ["profiles.yml"] = "t:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n",
            ["models/base.sql"] = "SELECT 1 AS id UNION ALL SELECT 1",
            ["models/reader.sql"] = "SELECT * FROM {{ ref \"base\" }}",
            ["models/other.sql"] = "SELECT 2 AS id",
            ["models/schema.yml"] = "models:\n  - name: base\n    columns:\n      - name: id\n        tests: [unique]\n",
        });

        var (code, stdout, stderr) = project.Run("build", project.Options() with { Threads = 4 });

        code.ShouldBe(ExitCodes.Failure, stdout + stderr);
        var statuses = JsonDocument.Parse(project.Read("target/run_results.json")).RootElement.GetProperty("results").EnumerateArray()
            .ToDictionary(r => r.GetProperty("unique_id").GetString()!, r => r.GetProperty("status").GetString());
        statuses["test.t.unique_base_id"].ShouldBe("fail");
        statuses["model.t.reader"].ShouldBe("skipped");
        statuses["model.t.other"].ShouldBe("success");
    }

    [Fact]
    public async Task A_wide_dag_of_100_models_runs_on_four_duckdb_connections()
    {
        var files = new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: t\nprofile: t\n",
            ["profiles.yml"] = "t:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n",
            ["models/base.sql"] = "SELECT range AS id FROM range(1000)",
        };
        for (var i = 0; i < 99; i++) files[$"models/wide_{i:00}.sql"] = $"SELECT id, id * {i} AS v FROM {{{{ ref \"base\" }}}}";
        using var project = new TestProject(files);

        var (code, stdout, stderr) = project.Run("run", project.Options() with { Threads = 4 });

        code.ShouldBe(0, stdout + stderr);
        stdout.ShouldContain("OK=100 WARN=0 ERROR=0 SKIP=0 TOTAL=100");
        var ids = JsonDocument.Parse(project.Read("target/run_results.json")).RootElement.GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("unique_id").GetString()).ToList();
        ids.ShouldBe(new[] { "model.t.base" }.Concat(Enumerable.Range(0, 99).Select(i => $"model.t.wide_{i:00}")).ToList());
        // Lines as the serial order numbers them, whichever connection finished first.
        FinishedLines(stdout).Select(l => int.Parse(l.TrimStart().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(Enumerable.Range(1, 100));
        await using var db = DuckDb.Open(project);
        (await db.ScalarAsync("SELECT SUM(v) FROM wide_98")).ShouldBe(new System.Numerics.BigInteger(98L * 999 * 1000 / 2));
    }

    [Fact]
    public void A_thread_count_out_of_range_is_an_error()
    {
        using var project = TestProject.SampleOnDuckDb();
        var (code, _, stderr) = project.Run("run", project.Options() with { Threads = 0 });
        code.ShouldBe(ExitCodes.Failure);
        stderr.ShouldContain("error PIPES0134: --threads must be a whole number from 1 to 64, not 0");

        project.Write("profiles.yml", "acme:\n  target: local\n  outputs:\n    local:\n      type: duckdb\n      path: target/test.duckdb\n      threads: 100\n");
        (code, _, stderr) = project.Run("run");
        code.ShouldBe(ExitCodes.Failure);
        stderr.ShouldContain("profiles.yml(7,16): error PIPES0134: 'threads' must be a whole number from 1 to 64, not '100'");

        project.Write("profiles.yml", "acme:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb, threads: four}\n");
        (code, _, stderr) = project.Run("run");
        code.ShouldBe(ExitCodes.Failure);
        stderr.ShouldContain("'threads' must be a positive whole number, not 'four'");
    }

    [Fact]
    public void A_second_concurrent_build_finds_nothing_new()
    {
        using var project = TestProject.SampleOnDuckDb();
        project.Run("build", project.Options() with { Threads = 4 }).ExitCode.ShouldBe(0);
        var (code, stdout, stderr) = project.Run("build", project.Options() with { Threads = 4 });
        code.ShouldBe(0, stdout + stderr);
        stdout.ShouldContain("OK=33 WARN=1 ERROR=0 SKIP=0");
        stdout.ShouldContain("output       pipes_profiles: 0 inserted, 0 updated, 0 deleted");
    }

    /// <summary>Each result without its clock: id, status, rows, failures and message (elapsed times stripped).</summary>
    private static List<string> Results(TestProject project) =>
        JsonDocument.Parse(project.Read("target/run_results.json")).RootElement.GetProperty("results").EnumerateArray()
            .Select(r => string.Join("|", r.GetProperty("unique_id").GetString(), r.GetProperty("status").GetString(),
                r.GetProperty("adapter_response").GetProperty("rows_affected").ToString(),
                r.TryGetProperty("failures", out var f) ? f.ToString() : "",
                System.Text.RegularExpressions.Regex.Replace(r.GetProperty("message").GetString() ?? "", @"\d+\.\d+ ?s\b", "?s").Replace(project.Root, "<project>", StringComparison.Ordinal)))
            .ToList();

    private static List<string> FinishedLines(string stdout) =>
        stdout.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s*\d+ of \d+ (OK|PASS|WARN|ERROR|FAIL|SKIP)\b"))
            .Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"in \d+\.\d+s\]", "in ?s]")).ToList();

    private static async Task<string> Digest(DuckDb db, string table) =>
        Convert.ToString(await db.ScalarAsync($"SELECT COUNT(*) || ':' || COALESCE(SUM(hash(t)), 0) FROM (SELECT * FROM {table}) AS t"), System.Globalization.CultureInfo.InvariantCulture)!;
}
