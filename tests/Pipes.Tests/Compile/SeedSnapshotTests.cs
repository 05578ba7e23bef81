using Pipes.Tests.TestKit;

namespace Pipes.Tests.Compile;

public sealed class SeedSnapshotTests
{
    private const string Csv = "id,name,score,active,joined,seen_at,props\n" +
        "1,\"O'Brien, Ann\",1.5,true,2026-01-02,2026-01-02T03:04:05Z,\"{\"\"plan\"\":\"\"pro\"\"}\"\n" +
        "2,back\\slash,,false,2026-02-03,2026-02-03 10:00:00,\n" +
        "3,\"two\nlines\",-2,,,,[]\n";

    [Theory]
    [InlineData("local", "duckdb")]
    [InlineData("prod", "snowflake")]
    public void Seed_sql_matches_approved(string target, string dialect)
    {
        using var project = SeedProject();
        var (code, _, stderr) = project.Compile(project.Options() with { Target = target });
        code.ShouldBe(0, stderr);

        Approvals.Verify($"Seed.{dialect}", "sql", SampleProjectSnapshotTests.CompiledText(project, target, "_seed."));
    }

    [Fact]
    public async Task Seed_values_survive_the_round_trip_on_duckdb()
    {
        using var project = SeedProject();
        var (code, _, stderr) = project.Run("seed");
        code.ShouldBe(0, stderr);

        await using var db = DuckDb.Open(project);
        var rows = await db.QueryAsync("SELECT id, name, score, active, joined, seen_at, props::VARCHAR FROM people ORDER BY id");
        rows.Count.ShouldBe(3);
        rows[0][1].ShouldBe("O'Brien, Ann");
        rows[0][2].ShouldBe(1.5);
        rows[0][3].ShouldBe(true);
        rows[0][4].ShouldBe(new DateOnly(2026, 1, 2));
        rows[0][5].ShouldBe(new DateTime(2026, 1, 2, 3, 4, 5));
        rows[0][6].ShouldBe("{\"plan\":\"pro\"}");
        rows[1][1].ShouldBe("back\\slash");
        rows[1][2].ShouldBeNull();
        rows[2][1].ShouldBe("two\nlines");
        rows[2][3].ShouldBeNull();
    }

    private static TestProject SeedProject() => new TestProject(new Dictionary<string, string>
    {
        ["pipes_project.yml"] = "name: seeds_demo\nprofile: p\n",
        ["profiles.yml"] = "p:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n    prod: {type: snowflake, account: acme-x, user: u, database: DB, schema: RAW}\n",
        ["models/seeds.yml"] = "seeds:\n  - name: people\n    config:\n      column_types: {props: json}\n",
    }).Write("seeds/people.csv", Csv);
}
