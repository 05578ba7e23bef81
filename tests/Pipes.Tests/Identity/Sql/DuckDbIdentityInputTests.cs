using System.Globalization;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Identity.Sql;

/// <summary>
/// Inputs real data is full of, through <c>pipes run</c> on DuckDB: unreadable times, repeated values, non-ASCII
/// text against exclusions and normalisers, and tens of thousands of exclusions.
/// </summary>
public sealed class DuckDbIdentityInputTests
{
    private static TestProject Project(string rules, string model, string declarations) => new(new Dictionary<string, string>
    {
        ["pipes_project.yml"] = "name: idtest\nprofile: t\n",
        ["profiles.yml"] = "t:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n",
        ["models/identity.yml"] = rules,
        ["models/models.yml"] = "models:\n  - name: input_rows\n    config: {materialized: table}\n" + declarations,
        ["models/input_rows.sql"] = model,
    });

    private static async Task<List<string>> Lines(TestProject project, string sql)
    {
        await using var db = DuckDb.Open(project);
        return (await db.QueryAsync(sql)).Select(r => string.Join("|", r.Select(v => v switch
        {
            null => "<null>",
            DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            System.Collections.IEnumerable e and not string => "[" + string.Join(",", e.Cast<object?>()) + "]",
            _ => Convert.ToString(v, CultureInfo.InvariantCulture),
        }))).ToList();
    }

    private static void RunOk(TestProject project)
    {
        var (code, stdout, stderr) = project.Run("run");
        code.ShouldBe(0, stdout + stderr);
    }

    [Fact]
    public async Task An_unreadable_observed_at_is_the_epoch_and_is_counted_by_input_and_reason()
    {
        using var project = Project(
            "identity:\n  id_types:\n    user_id: {priority: 1}\n",
            "SELECT * FROM (VALUES ('user_a', 'not a date'), ('user_b', '2024-01-02 03:04:05'), ('user_c', NULL), ('user_d', '2024-13-45'), ('user_e', '2024-01-02T03:04:05Z')) AS t(user_id, seen)",
            "    observed_at: seen\n    identifiers:\n      - {column: user_id, type: user_id}\n");

        RunOk(project);

        (await Lines(project, "SELECT id_value, first_seen FROM pipes_id_nodes ORDER BY id_value")).ShouldBe(
        [
            "user_a|1970-01-01 00:00:00", "user_b|2024-01-02 03:04:05", "user_c|1970-01-01 00:00:00",
            "user_d|1970-01-01 00:00:00", "user_e|2024-01-02 03:04:05",
        ]);
        (await Lines(project, "SELECT input_name, reason, row_count, sample FROM pipes_id_observed_at ORDER BY input_name, reason")).ShouldBe(
            ["model.input_rows|missing|1|<null>", "model.input_rows|unreadable|2|2024-13-45"]);
    }

    [Fact]
    public async Task A_value_repeated_in_one_row_is_one_observation()
    {
        using var project = Project(
            "identity:\n  id_types:\n    user_id: {priority: 1}\n    email: {priority: 2, normalize: [lowercase]}\n",
            """
            SELECT * FROM (VALUES
              ('user_a', 'a@x.io', 'a@x.io', '["a@x.io", "a@x.io", "b@x.io"]'),
              ('user_b', 'n/a', 'n/a', '["n/a", "n/a"]'),
              ('user_c', NULL, NULL, '[null, null]'),
              ('user_d', 'D@x.io', 'd@x.io', '[]')
            ) AS t(user_id, email1, email2, emails)
            """,
            "    identifiers:\n      - {column: user_id, type: user_id}\n      - {column: email1, type: email}\n      - {column: email2, type: email}\n      - {column: emails, each: true, type: email}\n");

        RunOk(project);

        // user_d's two spellings are two raw values that normalise to one node: two observations, one edge row.
        (await Lines(project, "SELECT id_type, id_value, observations FROM pipes_id_nodes ORDER BY id_type, id_value")).ShouldBe(
        [
            "email|a@x.io|1", "email|b@x.io|1", "email|d@x.io|2",
            "user_id|user_a|1", "user_id|user_b|1", "user_id|user_c|1", "user_id|user_d|1",
        ]);
        (await Lines(project, "SELECT id_type, reason, observations FROM pipes_id_invalid ORDER BY id_type, reason_order")).ShouldBe(
            ["email|null_or_empty|1", "email|placeholder|1"]);
        (await Lines(project, "SELECT row_count FROM pipes_id_edges ORDER BY from_key, to_key")).ShouldBe(["1", "1", "1"]);
    }

    [Fact]
    public async Task Exclusions_match_non_ascii_values_through_the_engines_own_lowercase()
    {
        using var project = Project(
            "identity:\n  id_types:\n    city: {priority: 1, exclude: ['İSTANBUL', 'ΟΔΟΣ']}\n    tag: {priority: 2, normalize: [lowercase]}\n  exclude: ['ÉCOLE', 'STRAẞE']\n",
            """
            SELECT * FROM (VALUES
              ('İSTANBUL', 'İSTANBUL'), ('istanbul', 'Istanbul'), ('ΟΔΟΣ', 'οδος'), ('École', 'ÉCOLE'), ('straße', 'Straße'), ('izmir', 'İZMİR')
            ) AS t(city, tag)
            """,
            "    identifiers:\n      - {column: city, type: city}\n      - {column: tag, type: tag}\n");

        RunOk(project);

        (await Lines(project, "SELECT id_type, id_value FROM pipes_id_nodes ORDER BY id_type, id_value")).ShouldBe(
            ["city|izmir", "tag|istanbul", "tag|izmir", "tag|οδος"]);
        (await Lines(project, "SELECT id_type, reason, observations FROM pipes_id_invalid ORDER BY id_type, reason_order")).ShouldBe(
            ["city|excluded|5", "tag|excluded|2"]);
    }

    [Fact]
    public async Task Normalisers_and_regex_classes_treat_non_ascii_text_as_documented()
    {
        var nbsp = "\u00a0";
        using var project = Project(
            "identity:\n  id_types:\n"
            + "    lower: {priority: 1, normalize: [lowercase]}\n"
            + "    upper: {priority: 2, normalize: [uppercase]}\n"
            + "    nospace: {priority: 3, normalize: [remove_whitespace]}\n"
            + "    word: {priority: 4, pattern: '\\w+'}\n"
            + "    spaced: {priority: 5, pattern: 'a\\sb'}\n"
            + "    digits: {priority: 6, normalize: [digits_only]}\n"
            + "    folded: {priority: 7, exclude: [{regex: 'école'}, {regex: 'i+'}]}\n",
            $"""
            SELECT * FROM (VALUES
              ('ΣΟΦΙΑ', 'straße', 'a b{nbsp}c' || chr(9) || 'd', 'café', 'a{nbsp}b', 'a٣1b2', 'ÉCOLE'),
              ('ǅemal', 'ıi', 'x' || chr(8195) || 'y', 'cafe', 'a' || chr(9) || 'b', '٣', 'İİ')
            ) AS t(lower, upper, nospace, word, spaced, digits, folded)
            """,
            "    identifiers:\n" + string.Concat(new[] { "lower", "upper", "nospace", "word", "spaced", "digits", "folded" }.Select(c => $"      - {{column: {c}, type: {c}}}\n")));

        RunOk(project);

        (await Lines(project, "SELECT id_type, id_value FROM pipes_id_nodes ORDER BY id_type, id_value")).ShouldBe(
        [
            "digits|12", "folded|İİ",
            "lower|ǆemal", "lower|σοφια",
            $"nospace|ab{nbsp}cd", "nospace|x\u2003y",
            "spaced|a\tb",
            "upper|II", "upper|STRAẞE",
            "word|cafe",
        ]);
    }

    [Fact]
    public async Task Exclusions_and_placeholders_see_the_lowercase_of_the_value_whatever_the_normalisers_end_with()
    {
        // The observations statement lowercases a normalised value again only when the normalisers do not already
        // leave it in lowercase (the last case change is lowercase); uppercase after lowercase must not count as that.
        using var project = Project(
            "identity:\n  id_types:\n"
            + "    low_up: {priority: 1, normalize: [lowercase, uppercase], exclude: ['blocked']}\n"
            + "    up_low: {priority: 2, normalize: [uppercase, lowercase, remove_whitespace], exclude: ['blocked']}\n",
            "SELECT * FROM (VALUES ('Blocked', 'BLOCK ED'), ('Null', 'N ULL'), ('kept', 'KEPT')) AS t(low_up, up_low)",
            "    identifiers:\n      - {column: low_up, type: low_up}\n      - {column: up_low, type: up_low}\n");

        RunOk(project);

        (await Lines(project, "SELECT id_type, id_value FROM pipes_id_nodes ORDER BY id_type")).ShouldBe(["low_up|KEPT", "up_low|kept"]);
        (await Lines(project, "SELECT id_type, reason, observations FROM pipes_id_invalid ORDER BY id_type, reason_order")).ShouldBe(
            ["low_up|excluded|1", "low_up|placeholder|1", "up_low|excluded|1", "up_low|placeholder|1"]);
    }

    [Fact]
    public async Task Forty_thousand_global_exclusions_all_apply()
    {
        var excluded = Enumerable.Range(0, 40_000).Select(i => $"Blocked-{i:D5}@Example.com").ToList();
        using var project = Project(
            "identity:\n  id_types:\n    email: {priority: 1, normalize: [lowercase]}\n  exclude: [" + string.Join(", ", excluded.Select(e => $"'{e}'")) + "]\n",
            "SELECT 'blocked-' || lpad(CAST(i AS VARCHAR), 5, '0') || '@example.com' AS email FROM range(0, 40000, 7) AS r(i) UNION ALL SELECT 'kept@example.com'",
            "    identifiers:\n      - {column: email, type: email}\n");

        RunOk(project);

        (await Lines(project, "SELECT id_value FROM pipes_id_nodes")).ShouldBe(["kept@example.com"]);
        (await Lines(project, "SELECT reason, observations FROM pipes_id_invalid")).ShouldBe([$"excluded|{(40_000 + 6) / 7}"]);
    }
}
