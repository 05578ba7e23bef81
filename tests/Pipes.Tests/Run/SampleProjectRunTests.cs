using System.Text.Json;
using Pipes.Core.Seeds;
using Pipes.Core.Diagnostics;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Run;

/// <summary>The sample project built for real on embedded DuckDB; expected figures come from the CSV files, not from constants.</summary>
public sealed class SampleProjectRunTests
{
    [Fact]
    public async Task Build_loads_every_seed_and_builds_every_model()
    {
        using var project = TestProject.SampleOnDuckDb();

        var (code, stdout, stderr) = project.Run("build");

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        stdout.ShouldContain("OK=33 WARN=1 ERROR=0 SKIP=0");
        await using var db = DuckDb.Open(project);
        foreach (var seed in new[] { "amplitude_events", "amplitude_merged_ids", "crm_contacts", "billing_customers", "product_accounts" })
            (await db.ScalarAsync($"SELECT COUNT(*) FROM {seed}")).ShouldBe((long)Csv(project, seed).Rows.Count, seed);

        var events = Csv(project, "amplitude_events");
        var userColumn = IndexOf(events, "user_id");
        var users = events.Rows.Select(r => r[userColumn]?.Trim()).Where(u => !string.IsNullOrEmpty(u)).Distinct().Count();
        (await db.ScalarAsync("SELECT COUNT(*) FROM user_activity")).ShouldBe((long)users);

        var withEmail = events.Rows.First(r => r[IndexOf(events, "user_properties")] is { } p && p.Contains("\"email\"", StringComparison.Ordinal));
        var email = JsonDocument.Parse(withEmail[IndexOf(events, "user_properties")]!).RootElement.GetProperty("email").GetString();
        (await db.ScalarAsync($"SELECT email FROM stg_events WHERE event_id = '{withEmail[0]}'")).ShouldBe(email);

        var results = JsonDocument.Parse(project.Read("target/run_results.json")).RootElement.GetProperty("results");
        results.GetArrayLength().ShouldBe(34); // 31 nodes and the three destinations
        results.EnumerateArray().Select(r => r.GetProperty("status").GetString()).Distinct().Order().ShouldBe(new[] { "pass", "success", "warn" });
    }

    [Fact]
    public async Task Every_non_empty_property_value_is_either_typed_or_rejected()
    {
        using var project = TestProject.SampleOnDuckDb();
        project.Run("build").ExitCode.ShouldBe(0);
        var (loaded, _) = Pipes.Core.Load.ProjectLoader.Load(project.Root, new Pipes.Core.Load.LoadOptions { ProfilesDirectory = project.Root, Environment = _ => null });

        await using var db = DuckDb.Open(project);
        var typedColumns = 0;
        foreach (var model in loaded!.Properties)
        {
            var m = model.Name.Value;
            foreach (var (column, n) in model.Columns.Select((c, i) => (c, i + 1)).Where(x => x.c.Type.Value != "string"))
            {
                var present = await db.ScalarAsync($"SELECT COUNT(*) FROM pipes_property_rows_{m} WHERE TRIM(raw_{n}) <> ''");
                var typed = (long)(await db.ScalarAsync($"SELECT COUNT(*) FROM pipes_property_rows_{m} WHERE v_{n}_{column.Type.Value} IS NOT NULL"))!;
                var rejected = (long)(await db.ScalarAsync($"SELECT COUNT(*) FROM pipes_property_rejects WHERE model = '{m}' AND column_name = '{column.Column.Value}'"))!;
                present.ShouldBe(typed + rejected, $"{m}.{column.Column.Value}");
                typedColumns++;
            }
        }
        typedColumns.ShouldBe(6);
        ((long)(await db.ScalarAsync("SELECT COUNT(*) FROM pipes_property_rejects"))!).ShouldBeGreaterThan(0);
        ((long)(await db.ScalarAsync("SELECT COUNT(*) FROM pipes_push_amplitude_prod"))!).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Incremental_model_merges_on_its_key_and_full_refresh_rebuilds()
    {
        using var project = TestProject.SampleOnDuckDb();
        project.Run("build").ExitCode.ShouldBe(0);
        long first;
        await using (var db = DuckDb.Open(project))
        {
            first = (long)(await db.ScalarAsync("SELECT COUNT(*) FROM recent_events"))!;
            first.ShouldBeGreaterThan(0);
            // A row the next run must update through MERGE, and one it must leave alone (outside the increment).
            await db.QueryAsync("UPDATE recent_events SET event_type = 'stale' WHERE event_time = (SELECT MAX(event_time) FROM recent_events)");
            await db.QueryAsync("UPDATE recent_events SET event_type = 'kept' WHERE event_time = (SELECT MIN(event_time) FROM recent_events)");
        }

        project.Run("run", project.Options("recent_events")).ExitCode.ShouldBe(0);
        await using (var db = DuckDb.Open(project))
        {
            (await db.ScalarAsync("SELECT COUNT(*) FROM recent_events")).ShouldBe(first);
            (await db.ScalarAsync("SELECT COUNT(*) FROM recent_events WHERE event_type = 'stale'")).ShouldBe(0L);
            ((long)(await db.ScalarAsync("SELECT COUNT(*) FROM recent_events WHERE event_type = 'kept'"))!).ShouldBeGreaterThan(0);
        }

        project.Run("run", project.Options("recent_events") with { FullRefresh = true }).ExitCode.ShouldBe(0);
        await using (var db = DuckDb.Open(project))
            (await db.ScalarAsync("SELECT COUNT(*) FROM recent_events WHERE event_type = 'kept'")).ShouldBe(0L);
    }

    [Fact]
    public async Task A_failed_node_skips_its_descendants_and_not_its_siblings()
    {
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: t\n",
            ["models/broken.sql"] = "SELECT no_such_column FROM {{ ref \"base\" }}",
            ["models/base.sql"] = "SELECT 1 AS id",
            ["models/after_broken.sql"] = "SELECT * FROM {{ ref \"broken\" }}",
            ["models/after_after.sql"] = "SELECT * FROM {{ ref \"after_broken\" }}",
            ["models/zz_sibling.sql"] = "SELECT * FROM {{ ref \"base\" }}",
        });

        var (code, stdout, stderr) = project.Run("run");

        code.ShouldBe(ExitCodes.Failure);
        stdout.ShouldContain("OK=2 WARN=0 ERROR=1 SKIP=2");
        stderr.ShouldContain("models/broken.sql(1,8): error PIPES0901: broken failed");
        stderr.ShouldContain("no_such_column");
        stdout.ShouldContain("skipped: upstream model.t.broken did not succeed");
        stdout.ShouldContain("skipped: upstream model.t.after_broken did not succeed");
        await using var db = DuckDb.Open(project, "target/pipes.duckdb");
        (await db.ScalarAsync("SELECT COUNT(*) FROM zz_sibling")).ShouldBe(1L);
    }

    [Fact]
    public void Fail_fast_skips_everything_after_the_first_failure()
    {
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: t\n",
            ["models/a_broken.sql"] = "SELECT * FROM nowhere",
            ["models/b_independent.sql"] = "SELECT 1 AS id",
        });

        var (code, stdout, _) = project.Run("run", project.Options() with { FailFast = true });

        code.ShouldBe(ExitCodes.Failure);
        stdout.ShouldContain("OK=0 WARN=0 ERROR=1 SKIP=1");
        stdout.ShouldContain("skipped: --fail-fast stopped the run");
    }

    [Fact]
    public void Json_log_format_prints_one_object_per_line()
    {
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: t\n",
            ["models/a.sql"] = "SELECT 1 AS id",
        });

        var (code, stdout, _) = project.Run("run", json: true);

        code.ShouldBe(0);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        lines.ShouldContain(l => l.GetProperty("message").GetString() == "node started");
        var finished = lines.Single(l => l.TryGetProperty("event", out var e) && e.GetString() == "node_finished");
        finished.GetProperty("node").GetString().ShouldBe("model.t.a");
        finished.GetProperty("status").GetString().ShouldBe("success");
    }

    private static CsvTable Csv(TestProject project, string seed) =>
        CsvTable.Parse(project.Read($"seeds/{seed}.csv"), seed, new DiagnosticBag())!;

    private static int IndexOf(CsvTable table, string column) => table.Header.ToList().IndexOf(column);
}
