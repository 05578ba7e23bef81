using System.Security.Cryptography;
using System.Text;
using Pipes.Core.Compile.Dialects;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Compile;

/// <summary>What every dialect must mean, checked by running DuckDB's SQL for real and Snowflake's as text.</summary>
public sealed class DialectConformanceTests
{
    private static readonly Dialect Duck = DuckDbDialect.Instance;
    private static readonly Dialect Snow = SnowflakeDialect.Instance;

    [Fact]
    public async Task DuckDb_expressions_compute_what_the_dialect_promises()
    {
        await using var db = DuckDb.InMemory();
        (await db.ScalarAsync($"SELECT {Duck.SafeCast("'abc'", "integer")}")).ShouldBeNull();
        (await db.ScalarAsync($"SELECT {Duck.SafeCast("'42'", "integer")}")).ShouldBe(42L);
        (await db.ScalarAsync($"SELECT {Duck.CastText("'2026-01-02'", "date")}")).ShouldBe(new DateOnly(2026, 1, 2));
        (await db.ScalarAsync($"SELECT {Duck.JsonPathText("'{\"a\":{\"b\":\"x\"}}'::JSON", "a.b")}")).ShouldBe("x");
        (await db.ScalarAsync($"SELECT {Duck.StringLiteral("it's \\ fine")}")).ShouldBe("it's \\ fine");
        (await db.ScalarAsync($"SELECT {Duck.Sha256Hex("'email:a@b.c'")}"))
            .ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("email:a@b.c"))));
        var flattened = await db.QueryAsync(
            $"SELECT {Duck.FlattenedText("f")} FROM (SELECT '[\"a\", 2]'::JSON AS arr) AS t, {Duck.Flatten("t.arr", "f")} ORDER BY 1");
        flattened.Select(r => r[0]).ShouldBe(new object?[] { "2", "a" });
    }

    [Fact]
    public async Task DuckDb_relation_names_keep_case_and_quote_safely()
    {
        await using var db = DuckDb.InMemory();
        var relation = Duck.Relation(null, "main", "odd \"name\"");
        relation.ShouldBe("\"main\".\"odd \"\"name\"\"\"");
        await db.QueryAsync($"CREATE TABLE {relation} AS SELECT 1 AS x");
        (await db.ScalarAsync($"SELECT x FROM {relation}")).ShouldBe(1);
    }

    [Fact]
    public void Snowflake_upper_cases_names_and_escapes_backslashes()
    {
        Snow.Relation("analytics", "pipes", "stg_events").ShouldBe("\"ANALYTICS\".\"PIPES\".\"STG_EVENTS\"");
        Snow.StringLiteral("it's \\ fine").ShouldBe("'it''s \\\\ fine'");
        Snow.SafeCast("x", "integer").ShouldBe("TRY_CAST(TO_VARCHAR(x) AS NUMBER(38,0))");
        Snow.CastText("x", "json").ShouldBe("PARSE_JSON(x)");
        Snow.JsonPathText("props", "a.b").ShouldBe("GET_PATH(props, 'a.b')::VARCHAR");
        Snow.WrapScript("BEGIN\n  RETURN 1;\nEND;\n").ShouldBe("EXECUTE IMMEDIATE $$\nBEGIN\n  RETURN 1;\nEND;\n$$");
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Every_portable_type_has_an_engine_type(string name)
    {
        var dialect = DialectRegistry.Find(name)!;
        foreach (var type in Dialect.PortableTypes) dialect.TypeName(type).ShouldNotBeNullOrWhiteSpace();
        Should.Throw<ArgumentException>(() => dialect.TypeName("money"));
    }

    public static TheoryData<string> Dialects() => new(DialectRegistry.Names);
}
