using Pipes.Core.Dialects;
using Pipes.Core.Push;
using Pipes.Core.Compile;

namespace Pipes.Tests.Push;

/// <summary>The push templates rendered for Snowflake, checked as SQL text (DuckDB runs them for real elsewhere).</summary>
public class PushSqlSnowflakeTests
{
    private static readonly PushSql Sql = new(SnowflakeDialect.Instance, "pipes", "crm", StatementTemplates.BuiltIn);

    [Fact]
    public void Names_are_normalised_and_text_goes_through_the_dialect()
    {
        Sql.PushRelation.ShouldBe("\"PIPES\".\"PIPES_PUSH_CRM\"");
        var snapshot = Sql.CreatePending(fullResync: false, minIdLength: 5);
        snapshot.ShouldStartWith("CREATE OR REPLACE TRANSIENT TABLE \"PIPES\".\"PIPES_PUSH_PENDING_CRM\" AS");
        snapshot.ShouldContain("TO_VARCHAR(profile_id) AS profile_id");
        snapshot.ShouldContain("row_number() OVER (ORDER BY seq_key) AS seq");
        Sql.CreatePending(fullResync: true, minIdLength: 5).ShouldNotContain("s.content_hash <> k.content_hash");
        Sql.ReadPage(32000, 16000, "run-1").ShouldContain("WHERE seq > 32000 AND seq <= 48000");
        Sql.PushRelationExists().ShouldContain("lower(table_schema) = lower('pipes')");
    }

    [Fact]
    public void Outcomes_are_one_statement_per_page_with_the_insert_id_recomputed_and_a_merge_for_the_state()
    {
        OutcomeRange[] ranges = [new(1, 16000, "accepted", null, true, true), new(16001, 16001, "refused", "it's bad", true, false)];
        var at = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

        var log = Sql.InsertLog(ranges, "run-1", at).Single();
        var state = Sql.UpsertState(ranges, at).Single();

        log.ShouldContain("'pipes-' || substr(SHA2('crm' || chr(10) || p.amplitude_id || chr(10) || 'run-1' || chr(10) || TO_VARCHAR(p.generation + 1) || chr(10) || p.content_hash, 256), 1, 32)");
        log.ShouldContain("(16001, 16001, 'refused', 'it''s bad', TRUE, FALSE)");
        log.ShouldContain("WHERE p.seq BETWEEN 1 AND 16001");
        state.ShouldStartWith("MERGE INTO \"PIPES\".\"PIPES_PUSH_STATE\" AS s");
        state.ShouldNotContain("refused");
    }

    [Fact]
    public void Marking_in_flight_and_vanished_identities_render_for_snowflake()
    {
        var at = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

        var mark = Sql.MarkInFlight([new(1, 2000, "in_flight", null, true, false)], at).Single();
        var snapshot = Sql.CreatePending(fullResync: false, minIdLength: 5);
        var state = Sql.CreateState();

        mark.ShouldStartWith("MERGE INTO \"PIPES\".\"PIPES_PUSH_STATE\" AS s");
        mark.ShouldContain("TO_JSON(ARRAY_SORT(ARRAY_DISTINCT(ARRAY_CAT(COALESCE((CASE WHEN IS_ARRAY(TRY_PARSE_JSON(TO_VARCHAR(TO_JSON(ARRAY_SORT(");
        mark.ShouldContain("OBJECT_KEYS((CASE WHEN IS_OBJECT(TRY_PARSE_JSON(TO_VARCHAR(p.properties)))");
        mark.ShouldContain("uncertain = TRUE");
        snapshot.ShouldContain("OR s.uncertain");
        snapshot.ShouldContain("CASE WHEN s.amplitude_id LIKE 'user:%' THEN substr(s.amplitude_id, 6) END");
        snapshot.ShouldContain("AND NOT EXISTS (SELECT 1 FROM keyed k WHERE k.amplitude_id = s.amplitude_id)");
        state.Count.ShouldBe(4);
        state[1].ShouldBe("ALTER TABLE \"PIPES\".\"PIPES_PUSH_STATE\" ADD COLUMN IF NOT EXISTS generation NUMBER(38,0)");
    }
}
