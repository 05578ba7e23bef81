using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Pipes.Core.Identity;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Properties;

/// <summary>Property models built for real on DuckDB from <see cref="PropertyFixture"/>.</summary>
public sealed class PropertyModelTests
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

    [Fact]
    public async Task Every_survivorship_rule_picks_the_documented_value()
    {
        using var project = PropertyFixture.Create();
        Build(project);

        await using var db = DuckDb.Open(project);
        var rows = await db.QueryAsync("SELECT profile_id, stage, first_stage, common_stage, ltv, seats, flag, renewal, CAST(tags AS VARCHAR), CAST(meta AS VARCHAR), contact FROM pipes_property_facts ORDER BY profile_id");
        var byProfile = rows.ToDictionary(r => (string)r[0]!);
        byProfile.Keys.Order().ShouldBe(new[] { Ann, Bob }.Order());

        var ann = byProfile[Ann];
        ann[1].ShouldBe("lost");        // latest: two rows tie on updated_at; the smaller text wins
        ann[2].ShouldBe("trial");       // earliest
        ann[3].ShouldBe("won");         // most_frequent
        ann[4].ShouldBe(1244.5);        // sum of 1,234.50 and 10; n/a is rejected
        ann[5].ShouldBe(5L);            // max of 3 and 5; 12.5 is not an integer
        ann[6].ShouldBe(true);          // any_true of yes and no; maybe is rejected
        ann[7].ShouldBe(new DateTime(2026, 8, 1)); // latest: epoch seconds of the newer row
        ann[8].ShouldBe("[\"b\"]");     // latest valid array
        ann[9].ShouldBe("{\"k\":2}");   // latest valid object
        ann[10].ShouldBe(3L);           // count

        var bob = byProfile[Bob];
        bob[1].ShouldBe("prospect");    // no updated_at at all still yields the only value
        bob[6].ShouldBe(true);          // Y
        bob[7].ShouldBe(new DateTime(2026, 7, 1)); // epoch milliseconds
        bob[8].ShouldBeNull();          // empty is missing, not rejected
    }

    [Fact]
    public async Task Every_value_that_cannot_be_coerced_is_a_reject_with_its_reason()
    {
        using var project = PropertyFixture.Create();
        Build(project);

        await using var db = DuckDb.Open(project);
        var rejects = (await db.QueryAsync("SELECT column_name, raw_value, expected_type, reason, profile_id, key_value FROM pipes_property_rejects WHERE model = 'facts' ORDER BY column_name"))
            .Select(r => string.Join("|", r.Take(4))).ToList();
        rejects.ShouldBe(new[]
        {
            "flag|maybe|boolean|not a boolean",
            "ltv|n/a|number|not a number",
            "meta|[1]|object|not an object",
            "renewal|soon|datetime|not a datetime",
            "seats|12.5|integer|not an integer",
            "tags|not-json|array|not an array",
        });
        (await db.ScalarAsync("SELECT COUNT(DISTINCT profile_id) FROM pipes_property_rejects")).ShouldBe(1L);
        (await db.ScalarAsync("SELECT MIN(profile_id) FROM pipes_property_rejects")).ShouldBe(Ann);
    }

    [Fact]
    public async Task An_updated_at_that_is_not_a_datetime_is_a_reject_and_its_row_ranks_last()
    {
        using var project = PropertyFixture.Create();
        project.Write("seeds/facts.csv", PropertyFixture.Facts.Replace("ann@x.com,2026-02-01T00:00:00Z,lost", "ann@x.com,02/01/2026,lost"));
        Build(project);

        await using var db = DuckDb.Open(project);
        (await db.QueryAsync("SELECT column_name, raw_value, expected_type, reason FROM pipes_property_rejects WHERE column_name = 'updated_at'"))
            .Select(r => string.Join("|", r)).ShouldBe(new[] { "updated_at|02/01/2026|datetime|not a datetime" });
        (await db.ScalarAsync($"SELECT stage FROM pipes_property_facts WHERE profile_id = '{Ann}'")).ShouldBe("won"); // not 'lost': its row has no time
    }

    [Fact]
    public async Task Rows_whose_key_matches_no_identifier_are_counted_with_samples()
    {
        using var project = PropertyFixture.Create();
        Build(project);

        await using var db = DuckDb.Open(project);
        var unmatched = await db.QueryAsync("SELECT model, key_type, unmatched_rows, samples FROM pipes_property_unmatched");
        unmatched.Count.ShouldBe(1);
        unmatched[0].ShouldBe(new object?[] { "facts", "email", 1L, "[\"ghost@x.com\"]" });
    }

    [Fact]
    public async Task Strings_longer_than_amplitude_takes_are_rejected_not_pushed()
    {
        using var project = PropertyFixture.Create();
        project.Write("seeds/facts.csv", PropertyFixture.Facts.Replace("prospect,prospect,prospect", new string('x', 1025) + ",prospect,prospect"));
        Build(project);

        await using var db = DuckDb.Open(project);
        (await db.ScalarAsync($"SELECT stage FROM pipes_property_facts WHERE profile_id = '{Bob}'")).ShouldBeNull();
        (await db.ScalarAsync("SELECT reason FROM pipes_property_rejects WHERE column_name = 'stage'")).ShouldBe("longer than 1024 characters");
    }

    [Fact]
    public async Task Json_nested_deeper_than_amplitude_takes_is_rejected_and_brackets_in_strings_do_not_count()
    {
        var deep = new string('[', 41) + new string(']', 41);
        var shallowWithBrackets = "[\"" + new string('[', 60) + "\"]";
        using var project = PropertyFixture.Create();
        project.Write("seeds/facts.csv", PropertyFixture.Facts
            .Replace("\"[\"\"b\"\"]\"", "\"" + deep + "\"")
            .Replace(",,,c4", ",\"" + shallowWithBrackets.Replace("\"", "\"\"") + "\",,c4"));
        Build(project);

        await using var db = DuckDb.Open(project);
        (await db.QueryAsync("SELECT reason, raw_value FROM pipes_property_rejects WHERE column_name = 'tags' ORDER BY reason"))
            .Select(r => $"{r[0]}|{r[1]}").ShouldBe(new[] { $"nested deeper than 40 levels|{deep}", "not an array|not-json" });
        (await db.ScalarAsync($"SELECT CAST(tags AS VARCHAR) FROM pipes_property_facts WHERE profile_id = '{Ann}'")).ShouldBe("[\"a\"]");
        (await db.ScalarAsync($"SELECT CAST(tags AS VARCHAR) FROM pipes_property_facts WHERE profile_id = '{Bob}'")).ShouldBe(shallowWithBrackets);
    }

    [Fact]
    public async Task The_push_relation_has_one_row_per_amplitude_id_with_sorted_non_null_properties_and_their_hash()
    {
        using var project = PropertyFixture.Create(Destination);
        Build(project);

        await using var db = DuckDb.Open(project);
        var rows = await db.QueryAsync("SELECT profile_id, user_id, device_id, CAST(properties AS VARCHAR), content_hash FROM pipes_push_amp ORDER BY user_id");
        rows.Select(r => r[1]).ShouldBe(new object?[] { "u_0001", "u_0002" });
        rows.ShouldAllBe(r => r[2] == null);
        var bob = JsonDocument.Parse((string)rows[1][3]!).RootElement;
        bob.EnumerateObject().Select(p => p.Name).ShouldBe(new[] { "Contacts", "common_stage", "first_stage", "flag", "ltv", "renewal", "seats", "stage" });
        bob.GetProperty("renewal").GetString().ShouldBe("2026-07-01T00:00:00Z");
        bob.GetProperty("seats").GetInt64().ShouldBe(2);
        foreach (var row in rows)
            row[4].ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((string)row[3]!))));
    }

    [Fact]
    public async Task Update_only_keeps_the_ids_seen_in_an_in_amplitude_relation()
    {
        using var project = PropertyFixture.Create(Destination.Replace("mode: create", "mode: update_only"));
        project.Write("seeds/events.csv", "user_id\nu_0002\n");
        project.Write("models/events.yml", "seeds:\n  - name: events\n    in_amplitude: true\n    identifiers: [{column: user_id, type: user_id}]\n");
        Build(project);

        await using var db = DuckDb.Open(project);
        (await db.QueryAsync("SELECT user_id FROM pipes_push_amp")).Select(r => r[0]).ShouldBe(new object?[] { "u_0002" });
    }

    [Fact]
    public void Update_only_without_an_in_amplitude_relation_is_an_error_at_the_mode()
    {
        using var project = PropertyFixture.Create(Destination.Replace("mode: create", "mode: update_only"));

        var (code, _, stderr) = project.Compile();

        code.ShouldBe(ExitCodes.Failure);
        stderr.ShouldContain("models/properties.yml(21,11): error PIPES0007: mode update_only sends only ids seen in an in_amplitude relation, and none is marked");
    }

    [Fact]
    public async Task Input_row_order_does_not_change_any_property_table()
    {
        using var first = PropertyFixture.Create(Destination);
        using var second = PropertyFixture.Create(Destination);
        var lines = PropertyFixture.Facts.TrimEnd('\n').Split('\n');
        second.Write("seeds/facts.csv", string.Join('\n', lines.Take(1).Concat(lines.Skip(1).Reverse())) + "\n");
        Build(first);
        Build(second);

        foreach (var table in new[] { "pipes_property_facts", "pipes_property_rejects", "pipes_property_unmatched", "pipes_push_amp" })
            (await Dump(second, table)).ShouldBe(await Dump(first, table), table);
    }

    [Theory]
    [InlineData("local", "duckdb")]
    [InlineData("prod", "snowflake")]
    public void Compiled_property_sql_matches_approved(string target, string dialect)
    {
        using var project = PropertyFixture.Create(Destination);
        project.Compile(project.Options() with { Target = target }).ExitCode.ShouldBe(0);

        var folder = Path.Combine(project.Root, "target", "compiled", target);
        var text = string.Concat(Directory.EnumerateFiles(folder).Where(f => f.Contains("_property.") || f.Contains("_push.")).Order(StringComparer.Ordinal)
            .Select(f => $"-- {Path.GetFileName(f)}\n{File.ReadAllText(f)}\n"));
        Approvals.Verify($"Properties.{dialect}", "sql", text);
    }

    private static void Build(TestProject project)
    {
        var (code, stdout, stderr) = project.Run("build");
        code.ShouldBe(ExitCodes.Success, stdout + stderr);
    }

    private static async Task<string> Dump(TestProject project, string table)
    {
        await using var db = DuckDb.Open(project);
        var rows = await db.QueryAsync($"SELECT * FROM {table} ORDER BY ALL");
        return string.Join("\n", rows.Select(r => string.Join("|", r.Select(v => v?.ToString()))));
    }
}
