using Pipes.Core.Tasks;
using Pipes.Tests.Snowflake;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Run;

/// <summary>
/// Changing a model's materialization between runs replaces the relation of the other kind: engines refuse
/// <c>CREATE OR REPLACE</c> across kinds (<c>Existing object ... is of type View</c>), with or without --full-refresh.
/// </summary>
public sealed class MaterializationChangeTests
{
    private static TestProject Project(string materialized) => new TestProject(new Dictionary<string, string>
    {
        ["pipes_project.yml"] = "name: t\nprofile: t\n",
        ["profiles.yml"] = "t:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n",
        ["models/m.sql"] = "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(id, label)",
        ["models/after.sql"] = "SELECT COUNT(*) AS n FROM {{ ref \"m\" }}",
    }).Write("models/models.yml", Config(materialized));

    private static string Config(string materialized) =>
        $"models:\n  - name: m\n    config: {{materialized: {materialized}, unique_key: [id]}}\n";

    [Theory]
    [InlineData("view", "table", false)]
    [InlineData("view", "incremental", false)]
    [InlineData("table", "view", false)]
    [InlineData("table", "incremental", false)]
    [InlineData("incremental", "view", false)]
    [InlineData("incremental", "table", false)]
    [InlineData("view", "table", true)]
    [InlineData("view", "incremental", true)]
    [InlineData("table", "view", true)]
    [InlineData("incremental", "view", true)]
    public async Task The_relation_of_the_other_kind_is_replaced(string before, string after, bool fullRefresh)
    {
        using var project = Project(before);
        project.Run("run").ExitCode.ShouldBe(0);
        project.Write("models/models.yml", Config(after));

        var (code, stdout, stderr) = project.Run("run", project.Options() with { FullRefresh = fullRefresh });

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        await using var db = DuckDb.Open(project);
        (await db.ScalarAsync("SELECT table_type FROM information_schema.tables WHERE table_name = 'm'"))
            .ShouldBe(after == "view" ? "VIEW" : "BASE TABLE");
        (await db.ScalarAsync("SELECT COUNT(*) FROM m")).ShouldBe(2L);
        (await db.ScalarAsync("SELECT n FROM after")).ShouldBe(2L);
    }

    /// <summary>No Snowflake account: the fake answers the probe with a VIEW row, and the runner must send the drop before the CREATE.</summary>
    [Fact]
    public async Task On_snowflake_the_probe_finding_a_view_sends_the_drop_first()
    {
        await using var server = await SnowflakeSqlApiServer.StartAsync();
        server.TrustedKey = SnowflakeTestKeys.Key;
        using var project = Project("table");
        project.Write("profiles.yml", $"t:\n  target: prod\n  outputs:\n    prod: {{type: snowflake, account: {SnowflakeSqlApiServer.Account}, user: {SnowflakeSqlApiServer.User}, " +
            $"private_key: \"{{{{ env_var 'SNOWFLAKE_PRIVATE_KEY' }}}}\", database: DB, schema: S, host: 127.0.0.1, port: {server.Port}, protocol: http}}\n");
        project.Environment["SNOWFLAKE_PRIVATE_KEY"] = SnowflakeTestKeys.Pem;
        project.Compile().ExitCode.ShouldBe(0);
        var probe = File.ReadAllText(Directory.EnumerateFiles(Path.Combine(project.Root, "target", "compiled", "prod"), "*model.t.m.sql").Single()).Split(";\n\n")[0];
        probe.ShouldContain("FROM \"DB\".\"INFORMATION_SCHEMA\".\"TABLES\"");
        probe.ShouldContain("table_schema = 'S' AND table_name = 'M'");
        server.Results[probe] = new FakeResult([new FakeColumn("TABLE_TYPE", "text")], [["VIEW"]]);

        var (code, stdout, stderr) = project.Run("run", project.Options("m"));

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        var sent = server.Requests.Where(r => r.IsSubmit).Select(r => r.Json!["statement"]!.GetValue<string>()).ToList();
        var drop = sent.IndexOf("DROP VIEW \"DB\".\"S\".\"M\"");
        drop.ShouldBeGreaterThan(sent.IndexOf(probe));
        sent.FindIndex(s => s.StartsWith("CREATE OR REPLACE TABLE \"DB\".\"S\".\"M\"", StringComparison.Ordinal)).ShouldBeGreaterThan(drop);
    }

    [Fact]
    public async Task Running_twice_with_the_same_kind_keeps_the_relation()
    {
        using var project = Project("incremental");
        project.Run("run").ExitCode.ShouldBe(0);

        project.Run("run").ExitCode.ShouldBe(0);

        await using var db = DuckDb.Open(project);
        (await db.ScalarAsync("SELECT COUNT(*) FROM m")).ShouldBe(2L);
    }
}
