using System.Text.Json;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Cli;

/// <summary><c>pipes show</c> on the built sample project: real DuckDB, the rows compared with the database's own answer.</summary>
public sealed class ShowTests(BuiltSampleFixture sample) : IClassFixture<BuiltSampleFixture>
{
    private readonly TestProject _project = sample.Project;

    private (int ExitCode, string Stdout, string Stderr) Show(ShowRequest request, CommandOptions? options = null) =>
        Show(_project, request, options);

    internal static (int ExitCode, string Stdout, string Stderr) Show(TestProject project, ShowRequest request, CommandOptions? options = null) =>
        project.Invoke((o, output) => ShowTask.ExecuteAsync(o, request, output, CancellationToken.None).GetAwaiter().GetResult(), options);

    private static List<string> TableRows(string stdout) => stdout.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(2).ToList();

    [Fact]
    public async Task A_model_prints_as_a_table_cut_at_the_limit_and_the_cut_is_said()
    {
        var (code, stdout, stderr) = Show(new ShowRequest("account_overview", null, Limit: 3));

        code.ShouldBe(0, stdout + stderr);
        await using var db = DuckDb.Open(_project);
        var columns = (await db.ExecuteAsync("SELECT * FROM account_overview LIMIT 0")).Columns;
        stdout.Split('\n')[0].Trim('|', ' ').Split(" | ").Select(h => h.Trim()).ShouldBe(columns);
        TableRows(stdout).Count.ShouldBe(3);
        stdout.ShouldContain("showing the first 3 rows of account_overview; it has more (raise --limit to see them)");
    }

    [Fact]
    public void A_project_override_of_the_preview_template_is_what_show_runs()
    {
        // templates/ in the project overrides the built-in one, as for compiled SQL (issue 15 item 4).
        _project.Write("templates/show/preview.sql.scriban", "SELECT 'from the override' AS said, COUNT(*) AS n FROM {{ relation }} LIMIT {{ limit }}");
        try
        {
            var (code, stdout, stderr) = Show(new ShowRequest("account_overview", null, Limit: 3));

            code.ShouldBe(0, stdout + stderr);
            stdout.Split('\n')[0].Trim('|', ' ').Split(" | ").Select(h => h.Trim()).ShouldBe(["said", "n"]);
            TableRows(stdout).ShouldHaveSingleItem().ShouldContain("from the override");
        }
        finally
        {
            File.Delete(Path.Combine(_project.Root, "templates", "show", "preview.sql.scriban"));
        }
    }

    [Fact]
    public async Task An_inline_query_renders_refs_and_vars_and_its_rows_equal_duckdbs()
    {
        var sql = "select account_id, members, plan from {{ ref \"account_overview\" }} where members >= {{ var \"min_members\" }} order by account_id limit 4;";
        var options = _project.Options() with { Vars = "{min_members: 6}" };

        var (code, stdout, stderr) = Show(new ShowRequest(null, sql), options);

        code.ShouldBe(0, stdout + stderr);
        await using var db = DuckDb.Open(_project);
        var expected = await db.QueryAsync("select account_id, members, plan from account_overview where members >= 6 order by account_id limit 4");
        expected.Count.ShouldBe(4);
        var rows = TableRows(stdout).Select(l => l.Trim('|', ' ').Split(" | ").Select(c => c.Trim()).ToArray()).ToList();
        rows.Select(r => string.Join(",", r)).ShouldBe(expected.Select(r => $"{r[0]},{r[1]},{r[2] ?? "NULL"}"));
        stdout.ShouldContain("4 rows of inline query");
        stdout.ShouldNotContain("showing the first");
    }

    [Fact]
    public void Json_output_is_one_document_with_typed_values_and_the_cut()
    {
        var (code, stdout, stderr) = Show(new ShowRequest("pipes_profiles", null, Limit: 2, Format: "json"));

        code.ShouldBe(0, stdout + stderr);
        var doc = JsonDocument.Parse(stdout).RootElement;
        doc.GetProperty("rows").GetArrayLength().ShouldBe(2);
        doc.GetProperty("truncated").GetBoolean().ShouldBeTrue();
        var row = doc.GetProperty("rows")[0];
        row.GetProperty("identifiers").ValueKind.ShouldBe(JsonValueKind.Number);
        row.GetProperty("addressable").ValueKind.ShouldBeOneOf(JsonValueKind.True, JsonValueKind.False);
        row.GetProperty("amplitude_user_ids").ValueKind.ShouldBe(JsonValueKind.Array);
        doc.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ShouldContain("profile_id");
    }

    [Fact]
    public void Csv_output_quotes_by_rfc_4180_and_says_a_cut_on_stderr_only()
    {
        var (code, stdout, stderr) = Show(new ShowRequest(null, "select 'a,b' as x, 'say \"hi\"' as y, null as z, 'two\nlines' as w from range(3)", Limit: 2, Format: "csv"));

        code.ShouldBe(0, stdout + stderr);
        stdout.ShouldBe("x,y,z,w\n\"a,b\",\"say \"\"hi\"\"\",,\"two\nlines\"\n\"a,b\",\"say \"\"hi\"\"\",,\"two\nlines\"\n");
        stderr.ShouldBe("showing the first 2 rows of inline query; it has more (raise --limit to see them)\n");
    }

    [Fact]
    public void A_hundred_thousand_rows_are_cut_in_the_query_and_shown_whole_when_the_limit_allows()
    {
        var cut = Show(new ShowRequest(null, "select range as i from range(100000)", Limit: 5));
        TableRows(cut.Stdout).Count.ShouldBe(5);
        cut.Stdout.ShouldContain("showing the first 5 rows of inline query; it has more");

        var whole = Show(new ShowRequest(null, "select range as i from range(100000)", Limit: 100_000, Format: "csv"));
        whole.ExitCode.ShouldBe(0, whole.Stderr);
        whole.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(100_001);
        whole.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public void The_limit_is_inside_the_statement_sent()
    {
        // A query that fails past its first rows proves the engine never read them: the limit is in the SQL, not a client-side cut.
        var (code, stdout, stderr) = Show(new ShowRequest(null, "select case when range < 3 then range else error('read past the limit') end as i from range(10)", Limit: 2));

        code.ShouldBe(0, stdout + stderr);
        TableRows(stdout).Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("acount_overview", null, 10, "table", "error PIPES0121: 'acount_overview' is no model or seed of project acme_growth, nor a pipes_ table; did you mean 'account_overview'?")]
    [InlineData("account_overview", "select 1", 10, "table", "error PIPES0120: pipes show takes a name or --inline, not both")]
    [InlineData(null, null, 10, "table", "error PIPES0120: pipes show needs a model, seed or table name, or --inline \"select …\"")]
    [InlineData("account_overview", null, 0, "table", "error PIPES0120: --limit must be at least 1, not 0")]
    [InlineData("account_overview", null, 10, "jsn", "error PIPES0120: --output must be one of table, json, csv, not 'jsn'; did you mean 'json'?")]
    [InlineData(null, "select * from {{ ref \"acount_overview\" }}", 10, "table", "--inline(1,18): error PIPES0101: unknown model or seed 'acount_overview' in ref; did you mean 'account_overview'?")]
    [InlineData(null, "select {{ var \"nope\" }}", 10, "table", "--inline(1,11): error PIPES0103: unknown var 'nope'")]
    [InlineData(null, "  ;  ", 10, "table", "--inline(1,1): error PIPES0120: --inline is empty: give it a SELECT")]
    public void Bad_requests_exit_1_with_a_coded_error(string? name, string? inline, int limit, string format, string expected)
    {
        var (code, stdout, stderr) = Show(new ShowRequest(name, inline, limit, format));

        code.ShouldBe(ExitCodes.Failure);
        stderr.ShouldContain(expected);
        stdout.ShouldBeEmpty();
    }
}
