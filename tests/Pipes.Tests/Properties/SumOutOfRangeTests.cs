using System.Text.Json;
using Pipes.Core.Identity;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Properties;

/// <summary>
/// <c>survivorship: sum</c> whose total leaves the type's range (docs/properties.md, Sums out of range): every input value is in
/// range, the profile's total is not. The property is NULL for that profile and the total is a reject row
/// (<c>sum out of range</c>), never <c>Infinity</c> in the push relation nor a HUGEINT column. Real DuckDB.
/// </summary>
public sealed class SumOutOfRangeTests
{
    private static readonly string Ann = ProfileIds.For("user_id", "u_0001");
    private static readonly string Bob = ProfileIds.For("user_id", "u_0002");

    private const string Destination = """

        destinations:
          - name: amp
            type: amplitude
            properties: [facts.*]
            mode: create
            dry_run: true
        """;

    // Ann's three rows carry ltv "1,234.50", "n/a" and "10"; Bob's "5".
    private static string Ltv(string first, string second, string third) => PropertyFixture.Facts
        .Replace("\"1,234.50\"", first).Replace(",n/a,", "," + second + ",").Replace("lost,10,", "lost," + third + ",");

    [Fact]
    public async Task A_number_total_beyond_double_is_a_reject_and_null_not_infinity()
    {
        using var project = PropertyFixture.Create(Destination);
        project.Write("seeds/facts.csv", Ltv("1e308", "1.5e308", ""));
        Build(project);

        await using var db = DuckDb.Open(project);
        (await db.ScalarAsync($"SELECT ltv FROM pipes_property_facts WHERE profile_id = '{Ann}'")).ShouldBeNull();
        (await db.ScalarAsync($"SELECT ltv FROM pipes_property_facts WHERE profile_id = '{Bob}'")).ShouldBe(5.0);
        (await Rows(db, "SELECT profile_id, key_value, raw_value, expected_type, reason FROM pipes_property_rejects WHERE column_name = 'ltv'"))
            .ShouldBe([$"{Ann}|||number|sum out of range"]);
        // The push relation stays valid JSON, without the key the profile has no value for.
        var properties = (string)(await db.ScalarAsync($"SELECT CAST(properties AS VARCHAR) FROM pipes_push_amp WHERE profile_id = '{Ann}'"))!;
        properties.ShouldNotContain("Infinity");
        JsonDocument.Parse(properties).RootElement.TryGetProperty("ltv", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task An_integer_total_beyond_bigint_is_a_reject_with_its_digits_and_the_column_stays_bigint()
    {
        using var project = PropertyFixture.Create(Destination);
        project.Write("models/properties.yml", project.Read("models/properties.yml").Replace("survivorship: max", "survivorship: sum"));
        // Ann: 9223372036854775807 + 5 (12.5 is not an integer); Bob: 2.
        project.Write("seeds/facts.csv", PropertyFixture.Facts.Replace("\"1,234.50\",3,", "\"1,234.50\",9223372036854775807,"));
        Build(project);

        await using var db = DuckDb.Open(project);
        (await db.ScalarAsync($"SELECT seats FROM pipes_property_facts WHERE profile_id = '{Ann}'")).ShouldBeNull();
        (await db.ScalarAsync($"SELECT seats FROM pipes_property_facts WHERE profile_id = '{Bob}'")).ShouldBe(2L);
        (await db.ScalarAsync("SELECT data_type FROM information_schema.columns WHERE table_name = 'pipes_property_facts' AND column_name = 'seats'")).ShouldBe("BIGINT");
        (await Rows(db, "SELECT profile_id, key_value, raw_value, expected_type, reason FROM pipes_property_rejects WHERE column_name = 'seats' ORDER BY reason"))
            .ShouldBe([$"{Ann}|ann@x.com|12.5|integer|not an integer", $"{Ann}||9223372036854775812|integer|sum out of range"]);
    }

    [Fact]
    public async Task An_integer_total_back_in_range_is_kept_exactly()
    {
        using var project = PropertyFixture.Create();
        project.Write("models/properties.yml", project.Read("models/properties.yml").Replace("survivorship: max", "survivorship: sum"));
        // 9223372036854775807 + 5 - 9: a partial sum leaves BIGINT, the total does not.
        project.Write("seeds/facts.csv", PropertyFixture.Facts.Replace("\"1,234.50\",3,", "\"1,234.50\",9223372036854775807,").Replace("lost,10,12.5,", "lost,10,-9,"));
        Build(project);

        await using var db = DuckDb.Open(project);
        (await db.ScalarAsync($"SELECT seats FROM pipes_property_facts WHERE profile_id = '{Ann}'")).ShouldBe(9223372036854775803L);
        (await db.ScalarAsync("SELECT COUNT(*) FROM pipes_property_rejects WHERE reason = 'sum out of range'")).ShouldBe(0L);
    }

    [Theory]
    [InlineData("-1e308", "1e308", "1e308")]
    [InlineData("1e308", "-1e308", "1e308")]
    [InlineData("1e308", "1e308", "-1e308")]
    public async Task Whether_a_number_total_is_in_range_does_not_depend_on_which_row_holds_which_value(string first, string second, string third)
    {
        // The total is 1e308 in every placement. A plain running sum that adds the two positives first overflows; DuckDB
        // adds a profile's kept rows in an order their contents decide, and in this project one placement does.
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: sums\nprofile: p\n",
            ["profiles.yml"] = "p:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n",
            ["seeds/accounts.csv"] = "user_id,email\nu_0001,ann@x.com\n",
            ["seeds/facts.csv"] = $"email,updated_at,ltv\n\" ANN@x.com\",2026-01-01T00:00:00Z,{first}\nann@x.com,2026-02-01T00:00:00Z,{second}\nann@x.com,2026-02-01T00:00:00Z,{third}\n",
            ["models/identity.yml"] = """
                identity:
                  id_types:
                    user_id: {priority: 1, limit: 1}
                    email: {priority: 2, limit: 3, normalize: [lowercase]}
                seeds:
                  - name: accounts
                    identifiers:
                      - {column: user_id, type: user_id}
                      - {column: email, type: email}
                  - name: facts
                    config:
                      column_types: {ltv: string}
                """,
            ["models/properties.yml"] = """
                properties:
                  - name: facts
                    from: facts
                    key: {column: email, type: email}
                    columns:
                      ltv: {type: number, survivorship: sum}
                """,
        });
        Build(project);

        await using var db = DuckDb.Open(project);
        (await db.ScalarAsync($"SELECT ltv FROM pipes_property_facts WHERE profile_id = '{Ann}'")).ShouldBe(1e308);
        (await db.ScalarAsync("SELECT COUNT(*) FROM pipes_property_rejects")).ShouldBe(0L);
    }

    [Fact]
    public async Task A_later_run_that_brings_the_total_into_range_publishes_it_and_drops_the_reject()
    {
        using var project = PropertyFixture.Create(Destination);
        project.Write("seeds/facts.csv", Ltv("1e308", "1.5e308", ""));
        Build(project);
        project.Write("seeds/facts.csv", Ltv("1e308", "-1.5e308", ""));
        Build(project);

        await using var db = DuckDb.Open(project);
        (await db.ScalarAsync($"SELECT ltv FROM pipes_property_facts WHERE profile_id = '{Ann}'")).ShouldBe(1e308 - 1.5e308);
        (await db.ScalarAsync("SELECT COUNT(*) FROM pipes_property_rejects WHERE reason = 'sum out of range'")).ShouldBe(0L);
        (await db.ScalarAsync("SELECT COUNT(*) FROM pipes_properties_dirty_facts")).ShouldBe(1L); // only Ann was recomputed
    }

    [Fact]
    public void On_snowflake_the_same_range_checks_compile_with_its_types()
    {
        using var project = PropertyFixture.Create();
        project.Write("models/properties.yml", project.Read("models/properties.yml").Replace("survivorship: max", "survivorship: sum"));
        project.Compile(project.Options() with { Target = "prod" }).ExitCode.ShouldBe(0);

        var sql = File.ReadAllText(Directory.EnumerateFiles(Path.Combine(project.Root, "target", "compiled", "prod")).Single(f => f.Contains("_property.")));
        sql.ShouldContain("CASE WHEN total BETWEEN -9223372036854775808 AND 9223372036854775807 THEN CAST(total AS NUMBER(38,0)) END AS value");
        sql.ShouldContain("ABS(total) <= CAST('9.745314011399998e288' AS FLOAT)");
        sql.ShouldContain("'sum out of range'");
    }

    private static async Task<List<string>> Rows(DuckDb db, string sql) =>
        (await db.QueryAsync(sql)).Select(r => string.Join("|", r.Select(v => v?.ToString()))).ToList();

    private static void Build(TestProject project)
    {
        var (code, stdout, stderr) = project.Run("build");
        code.ShouldBe(ExitCodes.Success, stdout + stderr);
    }
}
