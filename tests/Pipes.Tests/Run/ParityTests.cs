using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Run;

/// <summary><c>pipes parity</c>: two targets' identity and property tables, row for row.</summary>
public sealed class ParityTests
{
    private static TestProject SampleOnTwoDuckDbs() =>
        TestProject.CopyOfSample().Write("profiles.yml",
            "acme:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/local.duckdb}\n    other: {type: duckdb, path: target/other.duckdb}\n");

    private static (int Code, string Stdout, string Stderr) Parity(TestProject project, string with, bool build = false, string? target = null) =>
        project.Invoke((o, output) => ParityTask.ExecuteAsync(o with { Target = target }, with, build, output, CancellationToken.None).GetAwaiter().GetResult());

    [Fact]
    public async Task Two_builds_of_the_sample_are_equal_and_an_injected_difference_is_shown_and_fails()
    {
        using var project = SampleOnTwoDuckDbs();

        var (code, stdout, stderr) = Parity(project, "other", build: true);

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        stdout.ShouldContain("parity: local (duckdb) vs other (duckdb)");
        foreach (var table in new[] { "pipes_id_graph", "pipes_profiles", "pipes_id_refused_edges", "pipes_property_billing", "pipes_property_crm", "pipes_property_product" })
            stdout.ShouldContain($"  {table}");
        stdout.ShouldContain("3,780 rows on local      3,780 rows on other  same");
        stdout.ShouldContain("parity: all 6 tables equal row for row");
        stdout.ShouldNotContain("push amplitude_prod"); // --build never pushes
        File.Exists(Path.Combine(project.Root, "target", "push", "amplitude_prod.jsonl")).ShouldBeFalse();

        await using (var db = DuckDb.Open(project, "target/other.duckdb"))
        {
            await db.QueryAsync("UPDATE pipes_profiles SET canonical_value = 'tampered' WHERE profile_id = (SELECT MIN(profile_id) FROM pipes_profiles)");
            await db.QueryAsync("DELETE FROM pipes_id_refused_edges WHERE from_key = (SELECT MIN(from_key) FROM pipes_id_refused_edges)");
        }

        (code, stdout, stderr) = Parity(project, "other");

        code.ShouldBe(ExitCodes.Failure);
        stdout.ShouldContain("882 rows on local        882 rows on other  DIFFERENT: 1 rows only on local, 1 only on other");
        stdout.ShouldContain("only on other: addressable=");
        stdout.ShouldContain("canonical_value=\"tampered\"");
        stdout.ShouldMatch(@"(?s)pipes_id_refused_edges\s+720 rows on local\s+7\d\d rows on other  DIFFERENT: \d+ rows only on local, 0 only on other");
        stdout.ShouldContain("  pipes_id_graph                       3,780 rows on local      3,780 rows on other  same");
        stderr.ShouldContain("PIPES0960: 2 of 6 tables differ between local and other");
    }

    [Fact]
    public void A_missing_table_and_the_same_target_are_errors()
    {
        using var project = SampleOnTwoDuckDbs();
        project.Run("build").ExitCode.ShouldBe(ExitCodes.Success);

        var (code, _, stderr) = Parity(project, "other");
        code.ShouldBe(ExitCodes.Failure);
        stderr.ShouldContain("PIPES0961: pipes_id_graph cannot be read on other:");

        (code, _, stderr) = Parity(project, "local");
        code.ShouldBe(ExitCodes.Failure);
        stderr.ShouldContain("PIPES0962");
    }

    [Fact]
    public async Task Snowflake_tables_sent_as_the_sql_api_sends_them_equal_the_duckdb_build()
    {
        await using var server = await SnowflakeSqlApiServer.StartAsync();
        using var project = SnowflakeSample.Project(server, withLocal: true);
        project.Run("build", project.Options() with { Target = "local" }).ExitCode.ShouldBe(ExitCodes.Success);
        // "Snowflake" holds exactly what DuckDB built, in Snowflake's wire format; rows reversed, columns upper case.
        await using (var db = DuckDb.Open(project, "target/local.duckdb"))
        {
            foreach (var table in new[] { "pipes_id_graph", "pipes_profiles", "pipes_id_refused_edges", "pipes_property_billing", "pipes_property_crm", "pipes_property_product" })
            {
                var wire = SnowflakeWire.From(await db.ExecuteAsync($"SELECT * FROM {table}"));
                server.Results[$"SELECT * FROM \"ANALYTICS\".\"PIPES\".\"{table.ToUpperInvariant()}\""] = wire with { Rows = wire.Rows.Reverse().ToList() };
            }
        }
        server.PartitionSize = 500; // larger tables arrive in several gzip partitions

        var (code, stdout, stderr) = Parity(project, "local", target: "prod");

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        stdout.ShouldContain("parity: prod (snowflake) vs local (duckdb)");
        stdout.ShouldContain("parity: all 6 tables equal row for row");

        // One profile's first_seen a few hundred nanoseconds later on "Snowflake" (.NET keeps 100 ns).
        var profiles = server.Results["SELECT * FROM \"ANALYTICS\".\"PIPES\".\"PIPES_PROFILES\""];
        var firstSeen = profiles.Columns.ToList().FindIndex(c => c.Name == "FIRST_SEEN");
        var changed = profiles.Rows.Select(r => r.ToArray()).ToList();
        changed[0][firstSeen] = changed[0][firstSeen]![..^3] + "999";
        server.Results["SELECT * FROM \"ANALYTICS\".\"PIPES\".\"PIPES_PROFILES\""] = profiles with { Rows = changed };

        (code, stdout, stderr) = Parity(project, "local", target: "prod");

        code.ShouldBe(ExitCodes.Failure);
        stdout.ShouldContain("DIFFERENT: 1 rows only on prod, 1 only on local");
        stderr.ShouldContain("PIPES0960: 1 of 6 tables differ between prod and local");
    }
}
