using Pipes.Tests.Snowflake;

namespace Pipes.Tests.TestKit;

/// <summary>The sample project pointed at a loopback SQL API (target prod, key-pair auth) for Snowflake-target tests.</summary>
public static class SnowflakeSample
{
    public static TestProject Project(SnowflakeSqlApiServer server, bool withLocal = false)
    {
        server.TrustedKey = SnowflakeTestKeys.Key;
        var project = TestProject.CopyOfSample();
        var local = withLocal ? "\n    local: {type: duckdb, path: target/local.duckdb}" : "";
        project.Write("profiles.yml", $$$"""
            acme:
              target: prod
              outputs:
                prod:
                  type: snowflake
                  account: {{{SnowflakeSqlApiServer.Account}}}
                  user: {{{SnowflakeSqlApiServer.User}}}
                  private_key: "{{ env_var 'SNOWFLAKE_PRIVATE_KEY' }}"
                  role: TRANSFORMER
                  warehouse: PIPES_WH
                  database: ANALYTICS
                  schema: PIPES
                  host: 127.0.0.1
                  port: {{{server.Port}}}
                  protocol: http{{{local}}}
            """);
        project.Environment["SNOWFLAKE_PRIVATE_KEY"] = SnowflakeTestKeys.Pem;
        return project;
    }

    /// <summary>The models' kind probes find nothing on a fresh schema, so no DROP runs.</summary>
    public static void AnswerFreshSchema(SnowflakeSqlApiServer server)
    {
        server.AnswerWhenContains("-- Finds ", new FakeResult([new FakeColumn("TABLE_TYPE", "text")], []));
        server.AnswerWhenContains("-- Columns of ", new FakeResult([new FakeColumn("COLUMN_NAME", "text")], []));
    }

    /// <summary>The push's count of profiles its relation left out, by reason (the sample's DuckDB figures).</summary>
    public static void AnswerPushLeftOut(SnowflakeSqlApiServer server) =>
        server.AnswerWhenContains("_LEFT_OUT\" GROUP BY reason", new FakeResult(
            [new FakeColumn("REASON", "text"), new FakeColumn("COUNT(*)", "fixed", 0, 18)], [["no amplitude id", "193"], ["not yet in amplitude", "169"]]));

    /// <summary>The report of an amplitude_profiles or amplitude_mirror publish: inserted, updated, deleted, re-keyed, skipped.</summary>
    public static void AnswerAmplitudeReport(SnowflakeSqlApiServer server, string table, params string[] counts) =>
        server.AnswerWhenContains($"-- Operations on \"ANALYTICS\".\"PIPES\".\"{table}\"", new FakeResult(
            new[] { "INSERTED", "UPDATED", "DELETED", "REKEYED", "SKIPPED" }.Select(c => new FakeColumn(c, "fixed", 0, 18)).ToList(), new List<string?[]> { counts }));

    /// <summary>Each seed's staged-row check answers the CSV's row count (the sample's CSVs hold one record per line).</summary>
    public static void AnswerSeedCounts(SnowflakeSqlApiServer server, TestProject project)
    {
        foreach (var csv in Directory.EnumerateFiles(Path.Combine(project.Root, "seeds"), "*.csv"))
        {
            var table = Path.GetFileNameWithoutExtension(csv).ToUpperInvariant();
            server.Results[$"SELECT COUNT(*) FROM \"ANALYTICS\".\"PIPES\".\"{table}__PIPES_STAGE\""] = Count((File.ReadLines(csv).Count() - 1).ToString());
        }
    }

    /// <summary>A one-cell COUNT(*) result as Snowflake types it: NUMBER(18,0), sent as text.</summary>
    public static FakeResult Count(string value) => new([new FakeColumn("COUNT(*)", "fixed", 0, 18)], [[value]]);

    /// <summary>A run-summary figure: one NUMBER(18,0) cell in column N (the summary's <c>AS n</c>, upper-cased as Snowflake does).</summary>
    public static FakeResult Figure(string value) => new([new FakeColumn("N", "fixed", 0, 18)], [[value]]);

    /// <summary>The statements the fake received, in order (first submits only).</summary>
    public static List<string> Submitted(SnowflakeSqlApiServer server) =>
        server.Requests.Where(r => r.IsSubmit && r.QueryValue("retry") is null).Select(r => r.Json!["statement"]!.GetValue<string>()).ToList();
}
