using System.Globalization;
using Pipes.Core.Compile;
using Pipes.Core.Compile.Dialects;
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
        changeTracking);

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
}
