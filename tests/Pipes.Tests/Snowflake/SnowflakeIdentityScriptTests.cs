using Pipes.Tests.Compile;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Snowflake;

/// <summary>The Snowflake identity script is built from the same templates the DuckDB runner drives (issue 13, item 3).</summary>
public sealed class SnowflakeIdentityScriptTests
{
    [Fact]
    public void Script_renders_the_round_cap_and_changed_count_templates_the_runner_uses()
    {
        using var project = TestProject.CopyOfSample();
        // A project template replaces the built-in one: the script must pick up the replacement, not an inline copy.
        project.Write("templates/identity/round_cap.sql.scriban", "SELECT 77 /* cap from template */ FROM {{ t.nodes }}\n");
        project.Write("templates/identity/round_changed.sql.scriban", "SELECT 0 /* changed from template */ FROM {{ t.rounds }}\n");
        project.Compile(project.Options() with { Target = "prod" }).ExitCode.ShouldBe(0);

        var sql = SampleProjectSnapshotTests.CompiledText(project, "prod", "_identity.");

        sql.ShouldContain("SELECT (SELECT 77 /* cap from template */ FROM \"ANALYTICS\".\"PIPES\".\"PIPES_ID_NODES\") INTO :round_cap;");
        sql.ShouldContain("SELECT (SELECT 0 /* changed from template */ FROM \"ANALYTICS\".\"PIPES\".\"PIPES_ID_ROUNDS\") INTO :last_changed;");
        sql.ShouldNotContain("CEIL(LN(");
    }

    [Fact]
    public void Scratch_tables_are_transient_persisted_ones_permanent_and_working_tables_dropped_at_the_end()
    {
        using var project = TestProject.CopyOfSample();
        project.Compile(project.Options() with { Target = "prod" }).ExitCode.ShouldBe(0);
        var sql = SampleProjectSnapshotTests.CompiledText(project, "prod", "_identity.");
        const string p = "\"ANALYTICS\".\"PIPES\".";

        foreach (var scratch in new[] { "PIPES_ID_TOUCHED", "PIPES_ID_SPLIT_ORDER", "PIPES_ID_LABELS_NEXT", "PIPES_ID_GRAPH_NEXT", "PIPES_PROFILES_NEXT", "PIPES_ID_GRAPH_SCOPE", "PIPES_PROFILES_SCOPE", "PIPES_ID_EXCLUSIONS", "PIPES_ID_ROWS_1" })
            sql.ShouldContain($"CREATE OR REPLACE TRANSIENT TABLE {p}\"{scratch}\"");
        sql.ShouldContain($"CREATE OR REPLACE TABLE {p}\"PIPES_ID_STATE\""); // the rules state is kept between runs: permanent
        foreach (var kept in new[] { "PIPES_ID_OBSERVATIONS", "PIPES_ID_SOURCE_ROWS", "PIPES_ID_WATERMARKS", "PIPES_ID_GRAPH_STATE", "PIPES_ID_NODES", "PIPES_ID_EDGES", "PIPES_ID_COMPONENTS", "PIPES_ID_GRAPH", "PIPES_ID_HISTORY" })
            sql.ShouldContain($"CREATE TABLE IF NOT EXISTS {p}\"{kept}\"");

        // Dropped after the outputs are built, inside the script (before RETURN), not read by pipes explain.
        var built = sql.IndexOf($"CREATE OR REPLACE TRANSIENT TABLE {p}\"PIPES_PROFILES_NEXT\"", StringComparison.Ordinal);
        var returned = sql.IndexOf("RETURN 'identity converged", StringComparison.Ordinal);
        foreach (var dropped in new[] { "PIPES_ID_FRESH", "PIPES_ID_LINKS", "PIPES_ID_LABELS", "PIPES_ID_VIOLATING", "PIPES_ID_SPLIT_ORDER", "PIPES_ID_SPLIT" })
        {
            var at = sql.IndexOf($"DROP TABLE IF EXISTS {p}\"{dropped}\";", StringComparison.Ordinal);
            at.ShouldBeGreaterThan(built, dropped);
            at.ShouldBeLessThan(returned, dropped);
        }
    }

    [Fact]
    public void Every_pipes_table_a_run_replaces_is_transient_but_the_rules_state()
    {
        // A permanent table replaced every run keeps each replaced version in Fail-safe for 7 days, billed as storage.
        using var project = TestProject.CopyOfSample();
        project.Compile(project.Options() with { Target = "prod" }).ExitCode.ShouldBe(0);
        var sql = string.Concat(Directory.EnumerateFiles(Path.Combine(project.Root, "target", "compiled", "prod"), "*.sql").Select(File.ReadAllText));

        var replaced = System.Text.RegularExpressions.Regex.Matches(sql, "CREATE OR REPLACE (TRANSIENT )?TABLE \"ANALYTICS\"\\.\"PIPES\"\\.\"(?<name>[A-Z0-9_]+)\"")
            .Where(m => m.Groups["name"].Value.StartsWith("PIPES_", StringComparison.Ordinal) || m.Groups["name"].Value.EndsWith("__PIPES_STAGE", StringComparison.Ordinal))
            .Select(m => (m.Groups["name"].Value, Transient: m.Groups[1].Success)).Distinct().ToList();

        replaced.Select(r => r.Value).ShouldContain("PIPES_PROPERTY_CRM_NEXT");
        replaced.Select(r => r.Value).ShouldContain("PIPES_ID_GRAPH_CHANGES");
        replaced.Select(r => r.Value).ShouldContain("AMPLITUDE_EVENTS__PIPES_STAGE");
        replaced.Where(r => !r.Transient).Select(r => r.Value).ShouldBe(["PIPES_ID_STATE"]);
    }

    [Fact]
    public void Refusals_are_numbered_by_the_shared_statement_after_the_udtf()
    {
        using var project = TestProject.CopyOfSample();
        project.Compile(project.Options() with { Target = "prod" }).ExitCode.ShouldBe(0);
        var sql = SampleProjectSnapshotTests.CompiledText(project, "prod", "_identity.");

        var split = sql.IndexOf("INSERT ALL", StringComparison.Ordinal);
        var numbered = sql.IndexOf("UPDATE \"ANALYTICS\".\"PIPES\".\"PIPES_ID_SPLIT_REFUSALS\" AS r SET refusal_order = o.n", StringComparison.Ordinal);
        split.ShouldBeGreaterThan(0);
        numbered.ShouldBeGreaterThan(split);
        sql.ShouldNotContain("REFUSAL_ORDER", Case.Sensitive); // the UDTF no longer numbers per partition
    }
}
