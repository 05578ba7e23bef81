using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Run;

/// <summary>Seeds load through DuckDB's appender: every row arrives, and bad values are reported at their CSV line.</summary>
public sealed class SeedLoadTests
{
    private const string Profiles = "p:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n";

    [Fact]
    public async Task A_100k_row_seed_loads_every_row_with_the_csv_content()
    {
        const int Rows = 100_000;
        using var project = SeedProject("seeds:\n  - name: big\n    config:\n      column_types: {name: string}\n");
        var (csv, checksum) = GeneratedSeed.Write(Path.Combine(project.Root, "seeds", "big.csv"), Rows);
        csv.Length.ShouldBeGreaterThan(1_048_576);

        var (code, stdout, stderr) = project.Run("seed");

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        project.Read("target/run_results.json").ShouldContain("100,000 rows from seeds/big.csv through DuckDB");
        await using var db = DuckDb.Open(project);
        (await db.ScalarAsync("SELECT COUNT(*) FROM big")).ShouldBe((long)Rows);
        (await db.ScalarAsync(GeneratedSeed.ChecksumQuery("big"))).ShouldBe(checksum);
        // The staging table is gone, and the compiled file describes the load instead of carrying the rows.
        (await db.ScalarAsync("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'big__pipes_stage'")).ShouldBe(0L);
        var compiled = File.ReadAllText(Directory.EnumerateFiles(Path.Combine(project.Root, "target", "compiled", "local"), "*big.sql").Single());
        compiled.Length.ShouldBeLessThan(4_000);
        compiled.ShouldContain("the 100,000 rows of seeds/big.csv (sha256 ");
    }

    [Fact]
    public void A_value_that_does_not_fit_its_declared_type_is_reported_at_its_csv_line_and_column()
    {
        using var project = SeedProject("seeds:\n  - name: people\n    config:\n      column_types: {score: integer}\n");
        // Line 3 holds a field spanning two lines, so the bad value sits on line 5 of the file, the 3rd data row.
        project.Write("seeds/people.csv", "id,note,score\n1,plain,10\n2,\"two\nlines\",20\n3,x,abc\n4,y,40\n");

        var (code, stdout, stderr) = project.Run("seed");

        code.ShouldBe(ExitCodes.Failure);
        var output = stdout + stderr;
        output.ShouldContain("seeds/people.csv line 5, column 'score': 'abc' is not a valid integer");
        output.ShouldNotContain("c2");
    }

    [Fact]
    public async Task A_load_that_fails_keeps_the_previous_table_and_what_depends_on_it()
    {
        // A failed load used to leave the table empty (it was created before the rows converted), and the next run
        // then read an input whose rows had all gone: profiles deleted, and a push unsetting their properties.
        using var project = SeedProject("seeds:\n  - name: people\n    config:\n      column_types: {score: integer}\n");
        project.Write("seeds/people.csv", "id,score\n1,10\n2,20\n");
        project.Run("seed").ExitCode.ShouldBe(ExitCodes.Success);

        project.Write("seeds/people.csv", "id,score\n1,10\n2,20\n3,abc\n");
        var (code, stdout, stderr) = project.Run("seed");

        code.ShouldBe(ExitCodes.Failure);
        (stdout + stderr).ShouldContain("seeds/people.csv line 4, column 'score': 'abc' is not a valid integer");
        await using (var db = DuckDb.Open(project))
            (await db.QueryAsync("SELECT id, score FROM people ORDER BY id")).Select(r => $"{r[0]}:{r[1]}").ShouldBe(["1:10", "2:20"]);

        project.Write("seeds/people.csv", "id,score\n1,10\n2,20\n3,30\n");
        project.Run("seed").ExitCode.ShouldBe(ExitCodes.Success);
        await using (var db = DuckDb.Open(project))
        {
            (await db.ScalarAsync("SELECT COUNT(*) FROM people")).ShouldBe(3L);
            (await db.ScalarAsync("SELECT data_type FROM information_schema.columns WHERE table_name = 'people' AND column_name = 'score'")).ShouldBe("BIGINT");
        }
    }

    [Theory]
    [InlineData("json", "{\"\"a\"\": 1}", "{not json")]
    [InlineData("date", "2026-01-31", "2026-02-30")]
    [InlineData("boolean", "true", "maybe")]
    [InlineData("datetime", "2026-01-31 10:00:00", "yesterday")]
    [InlineData("datetime", "2026-07-01T02:30:00+02:00", "2026-02-30T10:00:00+02:00")]
    [InlineData("datetime", "2026-07-01 10:00 +0200", "yesterday")] // the engine's own cast refuses the good value
    public void Each_declared_type_reports_a_bad_value_at_its_line(string type, string good, string bad)
    {
        using var project = SeedProject($"seeds:\n  - name: values\n    config:\n      column_types: {{v: {type}}}\n");
        project.Write("seeds/values.csv", $"id,v\n1,\"{good}\"\n2,\"{bad}\"\n");

        var (code, stdout, stderr) = project.Run("seed");

        code.ShouldBe(ExitCodes.Failure, stdout + stderr);
        (stdout + stderr).ShouldContain($"seeds/values.csv line 3, column 'v': '{bad}' is not a valid {type}");
    }

    [Fact]
    public async Task A_datetime_with_an_offset_lands_as_its_utc_instant()
    {
        using var project = SeedProject("");
        project.Write("seeds/times.csv", "id,at\n1,2026-07-01T02:30:00+02:00\n2,2026-07-01T00:30:00Z\n3,2026-06-30 21:00:00.5-03:30\n4,2026-07-01 00:30:00\n");

        var (code, stdout, stderr) = project.Run("seed");

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        await using var db = DuckDb.Open(project);
        (await db.QueryAsync("SELECT typeof(\"at\"), strftime(\"at\", '%Y-%m-%d %H:%M:%S.%g') FROM times ORDER BY id")).Select(r => $"{r[0]} {r[1]}").ShouldBe([
            "TIMESTAMP 2026-07-01 00:30:00.000", "TIMESTAMP 2026-07-01 00:30:00.000", "TIMESTAMP 2026-07-01 00:30:00.500", "TIMESTAMP 2026-07-01 00:30:00.000"]);
    }

    [Fact]
    public async Task Numbers_a_double_would_round_stay_text()
    {
        using var project = SeedProject("");
        project.Write("seeds/ids.csv", "id\n12345678901234567891\n12345678901234567892\n9007199254740993\n1.5\n");

        var (code, stdout, stderr) = project.Run("seed");

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        await using var db = DuckDb.Open(project);
        (await db.QueryAsync("SELECT typeof(id), id FROM ids ORDER BY rowid")).Select(r => $"{r[0]} {r[1]}").ShouldBe([
            "VARCHAR 12345678901234567891", "VARCHAR 12345678901234567892", "VARCHAR 9007199254740993", "VARCHAR 1.5"]);
    }

    [Fact]
    public async Task A_blank_line_of_a_one_column_seed_loads_as_a_null_row()
    {
        using var project = SeedProject("");
        project.Write("seeds/codes.csv", "code\na\n\nb\n");

        var (code, stdout, stderr) = project.Run("seed");

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        project.Read("target/run_results.json").ShouldContain("3 rows from seeds/codes.csv");
        await using var db = DuckDb.Open(project);
        (await db.QueryAsync("SELECT code FROM codes ORDER BY rowid")).Select(r => r[0]).ShouldBe(["a", null, "b"]);
    }

    [Fact]
    public async Task Loading_twice_into_a_schema_gives_the_same_table()
    {
        using var project = SeedProject("");
        project.Write("profiles.yml", "p:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb, schema: raw}\n");
        project.Write("seeds/pairs.csv", "k,v\na,1\nb,2\n");

        project.Run("seed").ExitCode.ShouldBe(ExitCodes.Success);
        var (code, stdout, stderr) = project.Run("seed");

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        project.Read("target/run_results.json").ShouldContain("2 rows from seeds/pairs.csv");
        await using var db = DuckDb.Open(project);
        (await db.QueryAsync("SELECT k, v FROM raw.pairs ORDER BY k")).Select(r => $"{r[0]}={r[1]}").ShouldBe(["a=1", "b=2"]);
    }

    private static TestProject SeedProject(string seedsYml)
    {
        var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: seeds_demo\nprofile: p\n",
            ["profiles.yml"] = Profiles,
        });
        if (seedsYml.Length > 0) project.Write("models/seeds.yml", seedsYml);
        return project;
    }
}
