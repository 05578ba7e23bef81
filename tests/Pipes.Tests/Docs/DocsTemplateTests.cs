using Pipes.Core.Compile;
using Pipes.Core.Dialects;

namespace Pipes.Tests.Docs;

/// <summary>
/// The docs queries render for both engines with the statement counts the sections read. They run on DuckDB in the
/// site tests; on Snowflake they are checked as text only (no live account).
/// </summary>
public sealed class DocsTemplateTests
{
    public static TheoryData<string> Dialects => new() { "duckdb", "snowflake" };

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Every_docs_query_renders_with_the_statements_its_section_reads(string name)
    {
        Dialect dialect = name == "snowflake" ? SnowflakeDialect.Instance : DuckDbDialect.Instance;
        var templates = new StatementTemplates(StatementTemplates.BuiltIn, dialect);
        var t = IdentitySqlModel.Tables.ToDictionary(x => x.Key, x => dialect.Quote(x.Value));
        Dictionary<string, object?> Model(params (string Key, object? Value)[] values)
        {
            var model = new Dictionary<string, object?> { ["t"] = t, ["cap"] = 50 };
            foreach (var (key, value) in values) model[key] = value;
            return model;
        }

        templates.Render("docs/catalog.sql.scriban", Model(("schema", "PIPES"))).Count.ShouldBe(1);
        templates.Render("docs/identity.sql.scriban", Model()).Count.ShouldBe(10);
        templates.Render("docs/history.sql.scriban", Model()).Count.ShouldBe(2);
        templates.Render("docs/profiles.sql.scriban", Model()).Count.ShouldBe(5);
        templates.Render("docs/pushed.sql.scriban", Model(("push", "p"))).Count.ShouldBe(1);
        templates.Render("docs/rejects.sql.scriban", Model(("rejects", "r"), ("unmatched", "u"), ("samples", 5))).Count.ShouldBe(3);
        templates.Render("docs/skipped.sql.scriban", Model(("skipped", "s"))).Count.ShouldBe(1);
        var delivery = templates.Render("docs/delivery.sql.scriban", Model(("log", "l"), ("state", "s")));
        delivery.Count.ShouldBe(2);
        delivery[0].ShouldContain("MAX(l0." + dialect.Quote("at") + ")"); // "at" is a DuckDB keyword: always quoted
    }
}
