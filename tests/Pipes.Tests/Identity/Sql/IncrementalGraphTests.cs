using Pipes.Core.Identity;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Identity.Sql;

/// <summary>
/// The incremental graph (docs/identity.md, Incremental runs): a run recomputes only the components its new rows touch,
/// and the tables equal the oracle and a <c>--full-refresh</c> on the same rows after every run.
/// </summary>
public sealed class IncrementalGraphTests
{
    private static readonly IdentityRules Rules = DuckDbIdentityPropertyTests.Rules;

    private static IdentityRow Row(int day, params (string Type, string Value)[] ids) =>
        new("t", "", new DateTime(2024, 1, 1).AddDays(day), ids.Select(i => new RawId(i.Type, i.Value)).ToList());

    private static string ProfileId(string type, string value) => ProfileIds.For(type, value);

    [Fact]
    public async Task A_late_row_moving_first_seen_changes_the_canonical_member_and_records_a_rekey()
    {
        using var run = new IncrementalIdentityRun(Rules);
        var all = new List<IdentityRow>();
        // email sorts before device_id on the same day (priority 2 < 3), so the email is canonical
        var first = new[] { Row(3, ("email", "a@x"), ("device_id", "d1")) };
        // the device seen alone three days earlier: no new edge, only its first_seen moves, and it becomes the oldest
        var late = new[] { Row(0, ("device_id", "d1")) };

        await RunAsync(run, all, first);
        await RunAsync(run, all, late);

        await using var db = run.Open();
        (await HistoryAsync(db)).ShouldBe([$"rekeyed {ProfileId("email", "a@x")} -> {ProfileId("device_id", "d1")} 2"]);
        (await db.ScalarAsync("SELECT canonical_value FROM pipes_profiles")).ShouldBe("d1");
    }

    [Fact]
    public async Task A_batch_whose_number_iterator_rounds_to_the_watermark_is_read()
    {
        // Above 2^53 a number iterator (a DOUBLE) rounds: the second batch's ...993 is the first one's ...992.
        using var run = new IncrementalIdentityRun(Rules, lookback: 0, firstBatch: 9_007_199_254_740_992);
        run.Append([Row(1, ("user_id", "u1"), ("email", "a@x"))]);
        run.Run();
        run.Append([Row(2, ("user_id", "u2"), ("email", "b@x"))]);
        run.Run();

        await using var db = run.Open();
        (await ColumnAsync(db, "SELECT id_value FROM pipes_id_graph WHERE id_type = 'user_id' ORDER BY 1")).ShouldBe(["u1", "u2"]);
    }

    [Fact]
    public async Task A_new_edge_merges_two_profiles_and_the_older_canonical_member_wins()
    {
        using var run = new IncrementalIdentityRun(Rules);
        var all = new List<IdentityRow>();
        await RunAsync(run, all, [Row(1, ("user_id", "u1"), ("email", "a@x")), Row(2, ("email", "b@x"), ("device_id", "d2"))]);
        await RunAsync(run, all, [Row(3, ("email", "b@x"), ("user_id", "u1"))]);

        await using var db = run.Open();
        (await HistoryAsync(db)).ShouldBe([$"merged {ProfileId("email", "b@x")} -> {ProfileId("user_id", "u1")} 2"]);
        Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(*) FROM pipes_profiles")).ShouldBe(1);
    }

    [Fact]
    public async Task The_limit_procedure_takes_edges_in_node_order_not_key_order()
    {
        using var run = new IncrementalIdentityRun(Rules);
        var all = new List<IdentityRow>();
        await RunAsync(run, all, [Row(5, ("email", "e@x"), ("user_id", "u2"))]);
        // u1 arrives later, so its key is larger than u2's, but it is older in node order (same day and type, u1 < u2):
        // the two edges tie on strength and first_seen, so the one from u1 goes first and u2's is refused (user_id limit 1)
        await RunAsync(run, all, [Row(5, ("email", "e@x"), ("user_id", "u1"))]);

        await using var db = run.Open();
        (await ColumnAsync(db, "SELECT from_value || '-' || to_value || ' ' || limit_type FROM pipes_id_refused_edges")).ShouldBe(["u2-e@x user_id"]);
        (await ColumnAsync(db, "SELECT canonical_value FROM pipes_profiles ORDER BY 1")).ShouldBe(["u1", "u2"]);
    }

    [Fact]
    public async Task A_component_the_new_rows_do_not_touch_is_neither_recomputed_nor_rewritten()
    {
        using var run = new IncrementalIdentityRun(Rules);
        var all = new List<IdentityRow>();
        await RunAsync(run, all, [Row(1, ("user_id", "u1"), ("email", "a@x")), Row(2, ("user_id", "u2"), ("email", "b@x"), ("device_id", "d2"))]);
        // touches u1's profile only: a new email joins it
        await RunAsync(run, all, [Row(3, ("user_id", "u1"), ("email", "c@x"))]);

        await using var db = run.Open();
        (await ColumnAsync(db, "SELECT n.id_value FROM pipes_id_touched t JOIN pipes_id_nodes n USING (node_key) ORDER BY 1"))
            .ShouldBe(["a@x", "c@x", "u1"]);
        (await ChangesAsync(db, "pipes_id_graph")).ShouldBe("1 inserted, 0 updated, 0 deleted");
        (await ChangesAsync(db, "pipes_profiles")).ShouldBe("0 inserted, 1 updated, 0 deleted");
        (await HistoryAsync(db)).ShouldBeEmpty();
        // published by key scope: only the touched component's keys were computed and compared
        (await ColumnAsync(db, "SELECT id_value FROM pipes_id_graph_next ORDER BY 1")).ShouldBe(["a@x", "c@x", "u1"]);
        (await ColumnAsync(db, "SELECT id_value FROM pipes_id_graph_scope ORDER BY 1")).ShouldBe(["a@x", "c@x", "u1"]);
        (await ColumnAsync(db, "SELECT profile_id FROM pipes_profiles_scope")).ShouldBe([ProfileId("user_id", "u1")]);
    }

    [Fact]
    public async Task The_scoped_publish_deletes_a_profile_merged_away_and_never_touches_a_key_out_of_scope()
    {
        using var run = new IncrementalIdentityRun(Rules);
        var all = new List<IdentityRow>();
        await RunAsync(run, all, [Row(1, ("user_id", "u1"), ("email", "a@x")), Row(2, ("email", "b@x"), ("device_id", "d2")), Row(1, ("user_id", "u3"), ("email", "c@x"))]);
        var untouched = ProfileId("user_id", "u3");
        // A row edited by hand in an untouched profile (out of this run's scope) and one in the profile that is merged away
        await using (var db = run.Open())
        {
            await db.QueryAsync($"UPDATE pipes_profiles SET identifiers = 99 WHERE profile_id = '{untouched}'");
            await db.QueryAsync("UPDATE pipes_id_graph SET canonical_key = -1 WHERE id_value = 'c@x'");
        }

        // b@x's profile merges into u1's: its id is in scope (a touched node's old profile) and no longer computed
        all.Add(Row(3, ("email", "b@x"), ("user_id", "u1")));
        run.Append([all[^1]]);
        run.Run();
        await using (var db = run.Open())
        {
            (await ColumnAsync(db, "SELECT reason FROM pipes_id_graph_reset")).ShouldBeEmpty();
            (await ChangesAsync(db, "pipes_profiles")).ShouldBe("0 inserted, 1 updated, 1 deleted");
            (await ChangesAsync(db, "pipes_id_graph")).ShouldBe("0 inserted, 2 updated, 0 deleted");
            (await ColumnAsync(db, "SELECT profile_id FROM pipes_profiles ORDER BY 1")).ShouldBe(new[] { ProfileId("user_id", "u1"), untouched }.Order().ToList());
            // out of scope: the hand edits stay (docs/identity.md, Incremental runs, Limits)
            (await ColumnAsync(db, $"SELECT identifiers FROM pipes_profiles WHERE profile_id = '{untouched}'")).ShouldBe(["99"]);
            (await ColumnAsync(db, "SELECT canonical_key FROM pipes_id_graph WHERE id_value = 'c@x'")).ShouldBe(["-1"]);
        }

        // nothing new: no key in scope, nothing compared or written
        run.Run();
        await using (var db = run.Open())
        {
            (await ColumnAsync(db, "SELECT COUNT(*) FROM pipes_id_graph_scope")).ShouldBe(["0"]);
            (await ColumnAsync(db, "SELECT COUNT(*) FROM pipes_profiles_scope")).ShouldBe(["0"]);
            (await ChangesAsync(db, "pipes_profiles")).ShouldBe("0 inserted, 0 updated, 0 deleted");
            (await ColumnAsync(db, $"SELECT identifiers FROM pipes_profiles WHERE profile_id = '{untouched}'")).ShouldBe(["99"]);
        }

        // --full-refresh publishes in full and corrects them
        run.Run(fullRefresh: true);
        await using (var db = run.Open())
        {
            (await ChangesAsync(db, "pipes_profiles")).ShouldBe("0 inserted, 1 updated, 0 deleted");
            (await ChangesAsync(db, "pipes_id_graph")).ShouldBe("0 inserted, 1 updated, 0 deleted");
            (await ColumnAsync(db, $"SELECT identifiers FROM pipes_profiles WHERE profile_id = '{untouched}'")).ShouldBe(["2"]);
        }
        await SameAsOracleAndRebuildAsync(run, all);
    }

    [Fact]
    public async Task An_id_crossing_max_links_loses_its_edges_and_regains_them_when_the_rows_go_away()
    {
        // No iterator: every run reads the file as it is now, so a row deleted from it leaves the graph.
        using var run = new IncrementalIdentityRun(Rules, iterator: false);
        var all = new List<IdentityRow>();
        var first = new[] { Row(1, ("device_id", "d1"), ("user_id", "u1")) };
        var second = new[] { Row(2, ("device_id", "d1"), ("user_id", "u2")) };
        await RunAsync(run, all, first);

        // d1 now links two user ids (max_links user_id: 1): shared, it loses both edges, in an incremental run
        await RunAsync(run, all, second);
        await using (var db = run.Open())
        {
            (await ColumnAsync(db, "SELECT id_value FROM pipes_id_shared")).ShouldBe(["d1"]);
            Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(*) FROM pipes_profiles")).ShouldBe(3);
        }

        // the second row deleted at the source: d1 goes back under max_links and joins u1 again (a reset, said why)
        run.Clear();
        run.Append(first);
        run.Run();
        await using (var db = run.Open())
        {
            (await ColumnAsync(db, "SELECT reason FROM pipes_id_graph_reset")).ShouldBe(["rows removed from model.fixture_rows"]);
            (await ColumnAsync(db, "SELECT id_value FROM pipes_id_shared")).ShouldBeEmpty();
        }
        await SameAsOracleAndRebuildAsync(run, first);
    }

    [Fact]
    public async Task Rules_without_max_links_leave_no_id_shared_after_rules_that_had_one()
    {
        // Without a max_links rule the node counts no links at all (prepare_graph), so the ids shared under the old
        // rules must go with the rules change's reset, and their edges come back.
        using var run = new IncrementalIdentityRun(Rules, iterator: false);
        var rows = new[] { Row(1, ("device_id", "d1"), ("user_id", "u1")), Row(2, ("device_id", "d1"), ("user_id", "u2")) };
        await RunAsync(run, [], rows);
        await using (var db = run.Open())
        {
            (await ColumnAsync(db, "SELECT id_value FROM pipes_id_shared")).ShouldBe(["d1"]);
            (await ColumnAsync(db, "SELECT COUNT(*) FROM pipes_id_active_edges")).ShouldBe(["0"]);
        }

        var unlinked = Rules with { Types = [.. Rules.Types.Select(t => t with { MaxLinks = new Dictionary<string, int>() })] };
        File.WriteAllText(Path.Combine(run.Root, "models", "identity.yml"), IdentityYaml.Write(unlinked));
        run.Run();
        await using (var db = run.Open())
        {
            (await ColumnAsync(db, "SELECT reason FROM pipes_id_graph_reset")).ShouldContain("rules changed");
            (await ColumnAsync(db, "SELECT id_value FROM pipes_id_shared")).ShouldBeEmpty();
            (await ColumnAsync(db, "SELECT COUNT(*) FROM pipes_id_active_edges")).ShouldBe(["2"]);
        }
    }

    [Fact]
    public async Task An_input_without_iterator_that_did_not_change_is_not_read_again_and_any_change_is_seen()
    {
        // No iterator: each run reads the file as it is now; an unchanged file is told by its row count and digest.
        using var run = new IncrementalIdentityRun(Rules, iterator: false);
        var a = Row(1, ("user_id", "u1"), ("email", "a@x"));
        var b = Row(2, ("user_id", "u2"), ("email", "b@x"));
        var c = Row(3, ("device_id", "d3"), ("email", "c@x"));

        await HoldsAsync(run, [a, b, c], skipped: false, reset: "no graph state");
        await HoldsAsync(run, [a, b, c], skipped: true, reset: null);
        await HoldsAsync(run, [c, a, b], skipped: true, reset: null); // the same rows in another order
        // one value changed: a new row, and the old one gone
        await HoldsAsync(run, [a, b, Row(3, ("device_id", "d3"), ("email", "c2@x"))], skipped: false, reset: "rows removed from model.fixture_rows");
        await HoldsAsync(run, [a, b], skipped: false, reset: "rows removed from model.fixture_rows"); // one row removed
        await HoldsAsync(run, [a, b, b], skipped: false, reset: null); // one row twice: nothing new, nothing removed
        await HoldsAsync(run, [a, b, b], skipped: true, reset: null);
        // the twice-held row replaced by another one twice: same count, and a digest where duplicates cancelled out
        // (XOR) would be the same too
        await HoldsAsync(run, [a, c, c], skipped: false, reset: "rows removed from model.fixture_rows");
        // two rows swapping their emails: the same values in other rows
        await HoldsAsync(run, [Row(1, ("user_id", "u1"), ("email", "b@x")), Row(2, ("user_id", "u2"), ("email", "a@x")), b], skipped: false,
            reset: "rows removed from model.fixture_rows");
    }

    /// <summary>The input now holds <paramref name="rows"/>; after a run it was skipped or read, and the tables are right.</summary>
    private static async Task HoldsAsync(IncrementalIdentityRun run, IdentityRow[] rows, bool skipped, string? reset)
    {
        run.Clear();
        run.Append(rows);
        run.Run();
        await using (var db = run.Open())
        {
            (await ColumnAsync(db, "SELECT read_skipped FROM pipes_id_input_digests WHERE input_name = 'model.fixture_rows'")).ShouldBe([skipped ? "True" : "False"]);
            (await ColumnAsync(db, "SELECT reason FROM pipes_id_graph_reset ORDER BY 1")).ShouldBe(reset is null ? [] : [reset]);
        }
        await SameAsOracleAndRebuildAsync(run, rows);
    }

    /// <summary>Appends a batch, runs, and checks the tables against the oracle and a full rebuild on every row so far.</summary>
    private static async Task RunAsync(IncrementalIdentityRun run, List<IdentityRow> all, IdentityRow[] batch)
    {
        var later = all.Count > 0;
        run.Append(batch);
        all.AddRange(batch);
        run.Run();
        await using (var db = run.Open())
        {
            // every run after the first is incremental: no reason to rebuild the graph
            if (later) (await ColumnAsync(db, "SELECT reason FROM pipes_id_graph_reset")).ShouldBeEmpty();
        }
        await SameAsOracleAndRebuildAsync(run, all);
    }

    /// <summary>
    /// The tables equal the oracle on <paramref name="rows"/>, and a full rebuild of a copy gives the same tables; the
    /// copy is rebuilt in a second database file so the incremental state is left as it was.
    /// </summary>
    private static async Task SameAsOracleAndRebuildAsync(IncrementalIdentityRun run, IReadOnlyList<IdentityRow> rows)
    {
        var expected = IdentityText.FromOracle(IdentityOracle.Run(Rules, run.Distinct(rows)));
        string incremental;
        await using (var db = run.Open())
        {
            DuckDbIdentityTests.Same(await IdentityText.FromDuckDbAsync(db, run.Types), expected);
            incremental = await IncrementalIdentityTests.DumpAsync(db);
        }
        using var rebuilt = new IncrementalIdentityRun(Rules);
        rebuilt.Append(run.Distinct(rows));
        rebuilt.Run();
        await using var other = rebuilt.Open();
        (await IncrementalIdentityTests.DumpAsync(other)).ShouldBe(incremental);
    }

    private static async Task<List<string>> HistoryAsync(DuckDb db) =>
        await ColumnAsync(db, "SELECT event || ' ' || old_profile_id || ' -> ' || new_profile_id || ' ' || identifiers FROM pipes_id_history_run ORDER BY ALL");

    private static async Task<string> ChangesAsync(DuckDb db, string output) =>
        (await ColumnAsync(db, $"SELECT inserted || ' inserted, ' || updated || ' updated, ' || deleted || ' deleted' FROM pipes_output_changes WHERE output_name = '{output}'")).Single();

    private static async Task<List<string>> ColumnAsync(DuckDb db, string sql) =>
        (await db.QueryAsync(sql)).Select(r => Convert.ToString(r[0], System.Globalization.CultureInfo.InvariantCulture) ?? "NULL").ToList();
}
