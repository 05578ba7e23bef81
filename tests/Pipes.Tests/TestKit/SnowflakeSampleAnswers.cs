namespace Pipes.Tests.TestKit;

/// <summary>
/// Scripted results for the queries whose results Pipes reads when it builds the sample on Snowflake, shaped as the
/// SQL API sends them (rowType with Snowflake's types, every cell a string, NUMBER columns as fixed with scale 0).
/// Figures are the sample's DuckDB build (README), so a reader recognises them; one warn-level test fails.
/// </summary>
public static class SnowflakeSampleAnswers
{
    private const string Schema = "\"ANALYTICS\".\"PIPES\".";

    public static void Script(SnowflakeSqlApiServer server, TestProject project)
    {
        SnowflakeSample.AnswerFreshSchema(server);
        SnowflakeSample.AnswerSeedCounts(server, project);

        // Data tests: the deal_stage accepted_values test (severity warn) finds two bad values; every other passes.
        server.AnswerWhenContains("NOT IN ('prospect', 'trial', 'negotiation', 'closed_won', 'closed_lost')\nGROUP BY \"DEAL_STAGE\"\n) AS pipes_test LIMIT",
            new FakeResult([new("VALUE", "text"), new("OCCURRENCES", "fixed", 0, 18)], [["Closed Won", "3"], ["pending", "1"]]));
        server.AnswerWhenContains("SELECT COUNT(*) FROM (\nSELECT \"DEAL_STAGE\" AS value", SnowflakeSample.Count("2"));
        server.Answers.Enqueue((sql => sql.StartsWith("SELECT COUNT(*) FROM (\n", StringComparison.Ordinal), _ => SnowflakeSample.Count("0")));

        // The push (dry run in the sample) finds nothing pending: pushing is tested in tests/Pipes.Tests/Push.
        server.AnswerWhenContains("SELECT seq, profile_id, user_id", new FakeResult([new("SEQ", "fixed", 0, 18)], []));
        server.AnswerWhenContains("\"PIPES_PUSH_PENDING_AMPLITUDE_PROD\"", SnowflakeSample.Count("0"));
        SnowflakeSample.AnswerPushLeftOut(server);
        SnowflakeSample.AnswerAmplitudeReport(server, "PIPES_AMPLITUDE_PROFILES", "560", "0", "0", "0", "193");
        SnowflakeSample.AnswerAmplitudeReport(server, "PIPES_AMPLITUDE_EVENTS", "3154", "0", "0", "0", "0");
        Summary(server);
    }

    /// <summary>The run summary (templates/summary), in the order RunSummaryCollector reads it, each column named as it reads it.</summary>
    public static void Summary(SnowflakeSqlApiServer server)
    {
        server.AnswerWhenContains("-- Every identifier cell read", SnowflakeSample.Figure("13950"));
        server.AnswerWhenContains($"FROM {Schema}\"PIPES_ID_INVALID\" ORDER BY id_type, reason_order", new FakeResult(
            [new("ID_TYPE", "text"), new("REASON", "text"), new("OBSERVATIONS", "fixed", 0, 18)],
            [["account_id", "null_or_empty", "20"], ["device_id", "placeholder", "20"], ["email", "null_or_empty", "1535"]]));
        server.Results[$"SELECT COUNT(*) AS n FROM {Schema}\"PIPES_ID_NODES\""] = SnowflakeSample.Figure("3117");
        server.Results[$"SELECT COUNT(*) AS n FROM {Schema}\"PIPES_ID_EDGES\""] = SnowflakeSample.Figure("3514");
        server.Results[$"SELECT COUNT(DISTINCT node_key) AS n FROM {Schema}\"PIPES_ID_SHARED\""] = SnowflakeSample.Figure("3");
        server.Results[$"SELECT COUNT(*) AS n FROM {Schema}\"PIPES_PROFILES\""] = SnowflakeSample.Figure("887");
        server.AnswerWhenContains($"FROM {Schema}\"PIPES_PROFILES\" ORDER BY identifiers DESC, profile_id LIMIT 5", new FakeResult(
            [new("PROFILE_ID", "text"), new("CANONICAL_TYPE", "text"), new("CANONICAL_VALUE", "text"), new("IDENTIFIERS", "fixed", 0, 18)],
            [["pf_149f641cbc48409bff12", "user_id", "u_001305", "9"], ["pf_210f76bb7a203f16cf0f", "email", "liam.muller@hoolidyne003.com", "8"]]));
        server.Results[$"SELECT COUNT(*) AS n FROM {Schema}\"PIPES_ID_REFUSED_EDGES\""] = SnowflakeSample.Figure("720");
        server.Results[$"SELECT COUNT(*) AS n FROM {Schema}\"PIPES_ID_ROUNDS\""] = SnowflakeSample.Figure("4");
        server.AnswerWhenContains($"FROM {Schema}\"PIPES_PROPERTY_REJECTS\"\nGROUP BY model, column_name, reason", new FakeResult(
            [new("MODEL", "text"), new("COLUMN_NAME", "text"), new("REASON", "text"), new("VALUES_REJECTED", "fixed", 0, 18)], [["crm", "ltv", "not_a_number", "2"]]));
        server.AnswerWhenContains($"SELECT model, unmatched_rows FROM {Schema}\"PIPES_PROPERTY_UNMATCHED\"", new FakeResult(
            [new("MODEL", "text"), new("UNMATCHED_ROWS", "fixed", 0, 18)], []));
        server.AnswerWhenContains($"FROM {Schema}\"PIPES_OUTPUT_CHANGES\" ORDER BY output_name", new FakeResult(
            [new("OUTPUT_NAME", "text"), new("NODE_ID", "text"), new("INSERTED", "fixed", 0, 18), new("UPDATED", "fixed", 0, 18), new("DELETED", "fixed", 0, 18)], []));
    }
}
