using System.Globalization;
using Pipes.Core.Compile;
using Pipes.Core.Dialects;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Outputs;

/// <summary>
/// templates/outputs/publish.sql.scriban on its own, on real DuckDB: NULL keys and values, arrays and JSON compared by
/// content, counts per action; and its Snowflake text (change tracking, JSON comparison).
/// </summary>
public sealed class PublishSqlTests
{
    private static PublishedOutput Output(Dialect dialect, bool changeTracking = true) => new(
        "t", "model.p.t", dialect.Quote("t"), dialect.Quote("t_next"), dialect.Quote("t_changes"), dialect.Quote("counts"),
        [dialect.Quote("k1"), dialect.Quote("k2")],
        [(dialect.Quote("v"), "string"), (dialect.Quote("arr"), "array"), (dialect.Quote("j"), "json"), (dialect.Quote("n"), "number")],
        changeTracking) { ColumnTypes = dialect.Quote("column_types") };

    private static IReadOnlyList<string> Publish(Dialect dialect, bool changeTracking = true) =>
        new StatementTemplates(StatementTemplates.BuiltIn, dialect).Render("outputs/publish.sql.scriban",
            new Dictionary<string, object?> { ["o"] = Output(dialect, changeTracking).ToScript() });

    [Fact]
    public async Task Null_keys_null_values_arrays_and_json_are_compared_by_content()
    {
        await using var db = DuckDb.InMemory();
        async Task<(long, long, long)> PublishAsync()
        {
            foreach (var statement in Publish(DuckDbDialect.Instance)) await db.QueryAsync(statement);
            var row = (await db.QueryAsync("SELECT inserted, updated, deleted FROM counts WHERE output_name = 't'")).Single();
            return (Convert.ToInt64(row[0], CultureInfo.InvariantCulture), Convert.ToInt64(row[1], CultureInfo.InvariantCulture), Convert.ToInt64(row[2], CultureInfo.InvariantCulture));
        }
        async Task<List<string>> Rows(string table) => (await db.QueryAsync($"SELECT * FROM {table} ORDER BY ALL"))
            .Select(r => string.Join("|", r.Select(v => v is System.Collections.IEnumerable e && v is not string ? "[" + string.Join(",", e.Cast<object>()) + "]" : Convert.ToString(v, CultureInfo.InvariantCulture)))).ToList();

        await db.QueryAsync("""
            CREATE TABLE t_next AS SELECT * FROM (VALUES
              ('a', NULL, NULL, ['x', 'y'], '{"a":1}'::JSON, 1.5),
              ('b', 'b2', 'keep', NULL, NULL, NULL),
              ('c', NULL, 'gone', [], '[]'::JSON, 0.0),
              ('d', 'd2', 'same', ['p'], '{"z":[1,2]}'::JSON, 2.0)
            ) AS v(k1, k2, v, arr, j, n)
            """);
        (await PublishAsync()).ShouldBe((4L, 0L, 0L));
        (await Rows("t")).ShouldBe(await Rows("t_next"));
        (await PublishAsync()).ShouldBe((0L, 0L, 0L)); // NULL keys match NULL keys; NULL values equal NULL values

        await db.QueryAsync("""
            CREATE OR REPLACE TABLE t_next AS SELECT * FROM (VALUES
              ('a', NULL, 'now set', ['y', 'x'], '{"a":1}'::JSON, 1.5),
              ('b', 'b2', NULL, NULL, NULL, NULL),
              ('d', 'd2', 'same', ['p'], '{"z":[1,3]}'::JSON, 2.0),
              ('e', NULL, 'new', NULL, NULL, NULL)
            ) AS v(k1, k2, v, arr, j, n)
            """);
        (await PublishAsync()).ShouldBe((1L, 3L, 1L)); // e new; a (value set, array reordered), b (value cleared), d (JSON) changed; c gone
        (await Rows("t")).ShouldBe(await Rows("t_next"));
        (await PublishAsync()).ShouldBe((0L, 0L, 0L));
    }

    [Fact]
    public void Snowflake_creates_with_change_tracking_adopts_and_compares_semi_structured_values_as_json()
    {
        var sql = string.Join(";\n", Publish(SnowflakeDialect.Instance));
        sql.ShouldContain("CREATE TABLE IF NOT EXISTS \"T\" CHANGE_TRACKING = TRUE AS SELECT * FROM \"T_NEXT\" WHERE 1 = 0");
        sql.ShouldContain("ALTER TABLE \"T\" SET CHANGE_TRACKING = TRUE");
        sql.ShouldContain("TO_JSON(s.\"ARR\") IS DISTINCT FROM TO_JSON(l.\"ARR\")");
        sql.ShouldContain("TO_JSON(s.\"J\") IS DISTINCT FROM TO_JSON(l.\"J\")");
        sql.ShouldContain("s.\"V\" IS DISTINCT FROM l.\"V\"");
        sql.ShouldContain("ON l.\"K1\" IS NOT DISTINCT FROM s.\"K1\" AND l.\"K2\" IS NOT DISTINCT FROM s.\"K2\"");
        sql.ShouldNotContain("CREATE OR REPLACE TABLE \"T\" ");

        var off = string.Join(";\n", Publish(SnowflakeDialect.Instance, changeTracking: false));
        off.ShouldNotContain("CHANGE_TRACKING");
        string.Join(";\n", Publish(DuckDbDialect.Instance)).ShouldNotContain("CHANGE_TRACKING");
    }

    [Fact]
    public async Task Two_hundred_thousand_rows_a_percent_changed_and_repeated()
    {
        await using var db = DuckDb.InMemory();
        async Task<(long, long, long)> PublishAsync()
        {
            foreach (var statement in Publish(DuckDbDialect.Instance)) await db.QueryAsync(statement);
            var row = (await db.QueryAsync("SELECT inserted, updated, deleted FROM counts WHERE output_name = 't'")).Single();
            return (Convert.ToInt64(row[0], CultureInfo.InvariantCulture), Convert.ToInt64(row[1], CultureInfo.InvariantCulture), Convert.ToInt64(row[2], CultureInfo.InvariantCulture));
        }
        const string rows = """
            SELECT 'k' || i AS k1, CASE WHEN i % 3 = 0 THEN NULL ELSE 'x' || (i % 7) END AS k2,
              CASE WHEN i % 5 = 0 THEN NULL ELSE 'v' || i END AS v, ['a' || (i % 11), 'b'] AS arr, ('{"n":' || i || '}')::JSON AS j, i / 2.0 AS n
            FROM range(200000) AS r(i)
            """;
        await db.QueryAsync($"CREATE TABLE t_next AS {rows}");
        (await PublishAsync()).ShouldBe((200_000L, 0L, 0L));
        (await PublishAsync()).ShouldBe((0L, 0L, 0L));

        // About 1%: 500 values set or cleared (NULL), 1,000 JSON values changed, 500 rows vanish, 500 arrive.
        await db.QueryAsync($$"""
            CREATE OR REPLACE TABLE t_next AS
            SELECT k1, k2, CASE WHEN n < 1000 / 2.0 THEN (CASE WHEN v IS NULL THEN 'now' END) ELSE v END AS v, arr,
              CASE WHEN n >= 500 AND n < 1000 THEN '{"n":-1}'::JSON ELSE j END AS j, n
            FROM ({{rows}}) AS base WHERE n >= 250
            UNION ALL SELECT 'new' || i, NULL, 'n', NULL, NULL, NULL FROM range(500) AS r(i)
            """);
        (await PublishAsync()).ShouldBe((500L, 1500L, 500L));
        (await db.ScalarAsync("SELECT COUNT(*) FROM (SELECT * FROM t EXCEPT SELECT * FROM t_next)")).ShouldBe(0L);
        (await db.ScalarAsync("SELECT COUNT(*) FROM t")).ShouldBe(200_000L);
        (await PublishAsync()).ShouldBe((0L, 0L, 0L));
    }
}
