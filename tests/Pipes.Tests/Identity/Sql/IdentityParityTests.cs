using Pipes.Tests.TestKit;

namespace Pipes.Tests.Identity.Sql;

/// <summary>
/// Identity behaviour issue 13 made the same on every engine, run for real on DuckDB (the Snowflake side is checked as
/// text in tests/Pipes.Tests/Snowflake): what an array column holds when it is not an array, and which working tables
/// a run leaves behind.
/// </summary>
public sealed class IdentityParityTests
{
    private static TestProject Project(string model, string declarations) => new(new Dictionary<string, string>
    {
        ["pipes_project.yml"] = "name: idparity\nprofile: t\n",
        ["profiles.yml"] = "t:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n",
        ["models/identity.yml"] = "identity:\n  id_types:\n    user_id: {priority: 1, limit: 1}\n    email: {priority: 2, normalize: [lowercase]}\n",
        ["models/models.yml"] = "models:\n  - name: input_rows\n    config: {materialized: table}\n" + declarations,
        ["models/input_rows.sql"] = model,
    });

    private const string EachEmails = "    identifiers:\n      - {column: user_id, type: user_id}\n      - {column: emails, each: true, type: email}\n";

    private static async Task<List<string>> Lines(TestProject project, string sql)
    {
        await using var db = DuckDb.Open(project);
        return (await db.QueryAsync(sql)).Select(r => string.Join("|", r.Select(v => v?.ToString() ?? "<null>"))).ToList();
    }

    private static void RunOk(TestProject project)
    {
        var (code, stdout, stderr) = project.Run("run");
        code.ShouldBe(0, stdout + stderr);
    }

    [Fact]
    public async Task An_array_column_that_holds_no_array_is_one_invalid_observation_named_not_an_array()
    {
        using var project = Project(
            """
            SELECT * FROM (VALUES
              ('u1', '["A@x.io", "b@x.io"]'),
              ('u2', '{"email": "c@x.io"}'),
              ('u3', '"d@x.io"'),
              ('u4', 'e@x.io'),
              ('u5', '42'),
              ('u6', NULL),
              ('u7', 'null'),
              ('u8', '[]'),
              ('u9', '   ')
            ) AS t(user_id, emails)
            """,
            EachEmails);

        RunOk(project);

        (await Lines(project, "SELECT id_value FROM pipes_id_nodes WHERE id_type = 'email' ORDER BY id_value")).ShouldBe(["a@x.io", "b@x.io"]);
        (await Lines(project, "SELECT raw_value FROM pipes_id_observations WHERE reason = 'not_an_array' ORDER BY raw_value"))
            .ShouldBe(["\"d@x.io\"", "42", "e@x.io", "{\"email\": \"c@x.io\"}"]);
        (await Lines(project, "SELECT observations FROM pipes_id_invalid WHERE reason = 'not_an_array'")).ShouldBe(["4"]);
        // NULL, JSON null, blank text and [] give no observation at all (as an empty array).
        (await Lines(project, "SELECT COUNT(*) FROM pipes_id_observations WHERE id_type = 'email'")).ShouldBe(["6"]);
    }

    [Fact]
    public async Task A_native_list_column_is_read_as_an_array()
    {
        using var project = Project("SELECT 'u1' AS user_id, ['a@x.io', 'b@x.io'] AS emails", EachEmails);

        RunOk(project);

        (await Lines(project, "SELECT id_value FROM pipes_id_nodes WHERE id_type = 'email' ORDER BY id_value")).ShouldBe(["a@x.io", "b@x.io"]);
        (await Lines(project, "SELECT COUNT(*) FROM pipes_id_observations WHERE reason IS NOT NULL")).ShouldBe(["0"]);
    }

    [Fact]
    public async Task Working_tables_are_dropped_at_the_end_and_what_explain_and_the_next_run_read_stays()
    {
        // Two user ids share an email: a violating component, so the split and its tables are used.
        using var project = Project(
            "SELECT * FROM (VALUES ('u1', '[\"a@x.io\"]'), ('u2', '[\"a@x.io\"]'), ('u3', '[\"c@x.io\"]')) AS t(user_id, emails)", EachEmails);

        RunOk(project);
        RunOk(project); // nothing new: republishes the *_next tables, which must still be there

        var tables = await Lines(project, "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'pipes_%' ORDER BY table_name");
        foreach (var dropped in new[] { "pipes_id_fresh", "pipes_id_links", "pipes_id_labels", "pipes_id_violating", "pipes_id_split_order", "pipes_id_split", "pipes_id_graph_touched", "pipes_profiles_touched" })
            tables.ShouldNotContain(dropped);
        foreach (var kept in new[] { "pipes_id_nodes", "pipes_id_edges", "pipes_id_active_edges", "pipes_id_shared", "pipes_id_components", "pipes_id_touched", "pipes_id_rounds", "pipes_id_invalid",
                     "pipes_id_refused_edges", "pipes_id_split_refusals", "pipes_id_graph_next", "pipes_profiles_next", "pipes_profiles" })
            tables.ShouldContain(kept);
        (await Lines(project, "SELECT from_key, to_key, limit_type, refusal_order FROM pipes_id_split_refusals")).ShouldBe(["2|3|user_id|1"]); // u2 to a@x.io, the one refusal, as node_order values of the violating component (u1, u2, a@x.io)
        (await Lines(project, "SELECT COUNT(*) FROM pipes_profiles")).ShouldBe(["3"]);
    }
    [Fact]
    public async Task Work_tables_are_temporary_so_a_table_of_the_same_name_in_the_schema_is_neither_read_nor_replaced_nor_dropped()
    {
        using var project = Project(
            "SELECT * FROM (VALUES ('u1', '[\"a@x.io\"]'), ('u2', '[\"a@x.io\"]'), ('u3', '[\"c@x.io\"]')) AS t(user_id, emails)", EachEmails);
        // Plain tables named like work tables (as a run of an older Pipes could leave them, or a user's own)
        string[] names = ["pipes_id_links", "pipes_id_labels", "pipes_id_frontier", "pipes_id_hooked", "pipes_id_fresh_ids", "pipes_id_read_1", "pipes_id_split"];
        Directory.CreateDirectory(Path.Combine(project.Root, "target"));
        await using (var db = DuckDb.Open(project))
            foreach (var name in names)
                await db.ExecuteAsync($"CREATE TABLE {name} AS SELECT 999 AS node_key, 0 AS parent, 0 AS a, 0 AS b");

        RunOk(project);
        RunOk(project);

        foreach (var name in names)
            (await Lines(project, $"SELECT * FROM main.{name}")).ShouldBe(["999|0|0|0"], name);
        (await Lines(project, "SELECT COUNT(*) FROM pipes_profiles")).ShouldBe(["3"]);
        (await Lines(project, "SELECT from_key, to_key, limit_type, refusal_order FROM pipes_id_split_refusals")).ShouldBe(["2|3|user_id|1"]);
    }
}
