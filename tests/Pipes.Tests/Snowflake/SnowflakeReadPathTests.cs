using System.Text.Json;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Snowflake;

/// <summary>
/// The code paths that read query results, run on the Snowflake target against the loopback SQL API with scripted,
/// SQL API-shaped results (<see cref="SnowflakeSampleAnswers"/>): the run summary, data tests, map_remaining's column
/// discovery and explain. Asserts what Pipes prints and records from those results.
/// </summary>
public sealed class SnowflakeReadPathTests
{
    [Fact]
    public async Task Build_of_the_sample_prints_the_summary_and_the_failing_test_from_snowflake_results()
    {
        await using var server = await SnowflakeSqlApiServer.StartAsync();
        server.PartitionSize = 1; // the largest-profiles query comes back in two partitions, the second fetched
        using var project = SnowflakeSample.Project(server);
        SnowflakeSampleAnswers.Script(server, project);

        var (code, stdout, stderr) = project.Run("build");

        code.ShouldBe(ExitCodes.Success, stdout + stderr); // the failing test is severity warn
        stdout.ShouldContain("WARN  test   accepted_values_account_overview_deal_stage");
        stdout.ShouldContain("[   2 failing");
        stdout.ShouldContain("Closed Won");
        stdout.ShouldContain("observations       13,950   identifiers      3,117   edges      3,514   rounds    4");
        stdout.ShouldContain("profiles              887   shared ids           3   refused edges    720");
        stdout.ShouldContain("invalid      account_id null_or_empty 20, device_id placeholder 20, email null_or_empty 1,535");
        stdout.ShouldContain("rejects      crm: ltv 2 (not_a_number)");
        stdout.ShouldContain("largest      pf_149f641cbc48409bff12 (user_id:u_001305) 9, pf_210f76bb7a203f16cf0f (email:liam.muller@hoolidyne003.com) 8");

        using var results = JsonDocument.Parse(project.Read("target/run_results.json"));
        var summary = results.RootElement.GetProperty("summary");
        summary.GetProperty("profiles").GetInt64().ShouldBe(887);
        summary.GetProperty("refused_edges").GetInt64().ShouldBe(720);
        summary.GetProperty("property_rejects").EnumerateArray().Single().GetProperty("values").GetInt64().ShouldBe(2);
        var test = results.RootElement.GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("unique_id").GetString()!.EndsWith("accepted_values_account_overview_deal_stage", StringComparison.Ordinal));
        test.GetProperty("status").GetString().ShouldBe("warn");
        test.GetProperty("failures").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task Map_remaining_types_properties_from_snowflake_information_schema()
    {
        await using var server = await SnowflakeSqlApiServer.StartAsync();
        server.TrustedKey = SnowflakeTestKeys.Key;
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: mr\nprofile: p\n",
            ["profiles.yml"] = $"p:\n  target: prod\n  outputs:\n    prod: {{type: snowflake, account: {SnowflakeSqlApiServer.Account}, user: {SnowflakeSqlApiServer.User}, private_key: \"{{{{ env_var 'SNOWFLAKE_PRIVATE_KEY' }}}}\", database: ANALYTICS, schema: PIPES, host: 127.0.0.1, port: {server.Port}, protocol: http}}\n",
            ["models/identity.yml"] = "identity:\n  id_types:\n    email: {priority: 1, limit: 3}\nmodels:\n  - name: people\n    identifiers: [{column: email, type: email}]\n",
            ["models/people.sql"] = "SELECT 'a@x.com' AS email, CURRENT_TIMESTAMP AS updated_at",
            ["models/properties.yml"] = "properties:\n  - name: extra\n    from: people\n    key: {column: email, type: email}\n    updated_at: updated_at\n    map_remaining: true\n",
        });
        project.Environment["SNOWFLAKE_PRIVATE_KEY"] = SnowflakeTestKeys.Pem;
        // INFORMATION_SCHEMA.COLUMNS as Snowflake reports it: upper-case names, NUMBER with its scale, TEXT, FLOAT, BOOLEAN.
        server.AnswerWhenContains("FROM information_schema.columns\nWHERE table_name = 'PEOPLE'", new FakeResult(
            [new("COLUMN_NAME", "text"), new("DATA_TYPE", "text"), new("NUMERIC_SCALE", "fixed", 0, 9)],
            [["EMAIL", "TEXT", null], ["UPDATED_AT", "TIMESTAMP_NTZ", null], ["SEATS", "NUMBER", "0"], ["MRR", "NUMBER", "2"], ["SCORE", "FLOAT", null], ["ACTIVE", "BOOLEAN", null], ["PLAN", "TEXT", null]]));
        SnowflakeSample.AnswerFreshSchema(server);

        var (code, stdout, stderr) = project.Run("run", project.Options("extra"));

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        project.Read("target/run_results.json").ShouldContain("5 remaining columns mapped");
        var model = SnowflakeSample.Submitted(server).Single(s => s.Contains("CREATE OR REPLACE TRANSIENT TABLE \"ANALYTICS\".\"PIPES\".\"PIPES_PROPERTY_EXTRA_NEXT\"", StringComparison.Ordinal));
        foreach (var column in new[] { "\"SEATS\"", "\"MRR\"", "\"SCORE\"", "\"ACTIVE\"", "\"PLAN\"" })
            model.ShouldContain(column);
        // Only PLAN, TEXT in the information schema, is a string property (strings are capped); NUMBER, FLOAT and BOOLEAN are not.
        System.Text.RegularExpressions.Regex.Matches(model, @"LENGTH\((v_\d+_[a-z]+)\)").Select(m => m.Groups[1].Value).Distinct().ShouldBe(["v_5_string"]);
    }

    [Fact]
    public async Task Explain_answers_from_snowflake_results()
    {
        await using var server = await SnowflakeSqlApiServer.StartAsync();
        using var project = SnowflakeSample.Project(server);
        ScriptExplain(server);

        var (code, stdout, stderr) = project.Invoke((o, output) =>
            ExplainTask.ExecuteAsync(o, "email:Liam.Muller@hoolidyne003.com", null, output, CancellationToken.None).GetAwaiter().GetResult());

        code.ShouldBe(0, stdout + stderr);
        stdout.ShouldContain("email:liam.muller@hoolidyne003.com is in profile pf_210f76bb7a203f16cf0f (canonical user_id:u_001305), 2 identifiers");
        stdout.ShouldContain("email:liam.muller@hoolidyne003.com -- user_id:u_001305   seed.amplitude_events row 17, observed 2024-01-02T03:04:05Z");
        stdout.ShouldContain("refused: it would give a profile more user_id values than its limit (first seen 2024-02-01T00:00:00Z)");
        stdout.ShouldContain("2024-03-01T00:00:00Z  run r2  merged pf_0000000000000000beef (email:liam.muller@hoolidyne003.com) into pf_210f76bb7a203f16cf0f (user_id:u_001305), 1 identifier moved");
    }

    /// <summary>A two-member profile (user 1 canonical, email 2) joined by one link, plus one refused edge and one merge in its history.</summary>
    private static void ScriptExplain(SnowflakeSqlApiServer server)
    {
        server.AnswerWhenContains("WHERE lower(table_name) = lower('pipes_id_history')", new FakeResult([new("COUNT(*)", "fixed", 0, 18)], [["1"]]));
        server.AnswerWhenContains("-- The profile ids that became one of these", new FakeResult([new("OLD_PROFILE_ID", "text")], []));
        server.AnswerWhenContains("-- Every history event of the profile", new FakeResult(
            [new("RUN_AT", "timestamp_ntz", 9), new("RUN_ID", "text"), new("EVENT", "text"), new("OLD_PROFILE_ID", "text"), new("NEW_PROFILE_ID", "text"),
             new("IDENTIFIERS", "fixed", 0, 18), new("OLD_CANONICAL", "text"), new("NEW_CANONICAL", "text")],
            [["1709251200.000000000", "r2", "merged", "pf_0000000000000000beef", "pf_210f76bb7a203f16cf0f", "1", "email:liam.muller@hoolidyne003.com", "user_id:u_001305"]]));
        server.AnswerWhenContains("-- The identifier as identity stores it", new FakeResult(
            [new("ID_VALUE", "text"), new("NODE_KEY", "fixed", 0, 18), new("PROFILE_ID", "text"), new("CANONICAL_KEY", "fixed", 0, 18)],
            [["liam.muller@hoolidyne003.com", "2", "pf_210f76bb7a203f16cf0f", "1"]]));
        server.AnswerWhenContains("SELECT g.node_key, g.id_type, g.id_value, n.first_seen", new FakeResult(
            [new("NODE_KEY", "fixed", 0, 18), new("ID_TYPE", "text"), new("ID_VALUE", "text"), new("FIRST_SEEN", "timestamp_ntz", 9)],
            [["1", "user_id", "u_001305", "1704164645.000000000"], ["2", "email", "liam.muller@hoolidyne003.com", "1704164645.000000000"]]));
        server.AnswerWhenContains("SELECT from_type, from_value, to_type, to_value, limit_type, first_seen", new FakeResult(
            [new("FROM_TYPE", "text"), new("FROM_VALUE", "text"), new("TO_TYPE", "text"), new("TO_VALUE", "text"), new("LIMIT_TYPE", "text"), new("FIRST_SEEN", "timestamp_ntz", 9)],
            [["user_id", "u_009999", "email", "liam.muller@hoolidyne003.com", "user_id", "1706745600.000000000"]]));
        server.AnswerWhenContains("SELECT linked_type, link_count", new FakeResult([new("LINKED_TYPE", "text"), new("LINK_COUNT", "fixed", 0, 18)], []));
        server.AnswerWhenContains("AS reached,", new FakeResult([new("REACHED", "fixed", 0, 18), new("FOUND", "fixed", 0, 18)], [["1", "1"]]));
        server.AnswerWhenContains("SELECT node_key, parent_key FROM", new FakeResult(
            [new("NODE_KEY", "fixed", 0, 18), new("PARENT_KEY", "fixed", 0, 18)], [["2", null], ["1", "2"]]));
        server.AnswerWhenContains("-- The source rows behind one link", new FakeResult(
            [new("INPUT_NO", "fixed", 0, 18), new("ROW_NO", "fixed", 0, 18), new("OBSERVED_AT", "timestamp_ntz", 9), new("ROWS_BEHIND", "fixed", 0, 18)],
            [["1", "17", "1704164645.000000000", "3"]]));
    }
}
