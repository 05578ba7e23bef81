using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pipes.Core.Identity;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Identity.Sql;

/// <summary>
/// Incremental identity runs on DuckDB: after every batch the tables equal the oracle on the union of the rows
/// (each distinct row once), and a <c>--full-refresh</c> of the same project gives the same tables byte for byte.
/// </summary>
public sealed class IncrementalIdentityTests
{
    private static readonly IdentityRules Rules = DuckDbIdentityPropertyTests.Rules;

    private static IdentityRow Row(int day, params (string Type, string Value)[] ids) =>
        new("t", "", new DateTime(2024, 1, 1).AddDays(day), ids.Select(i => new RawId(i.Type, i.Value)).ToList());

    [Fact]
    public async Task Batches_give_the_tables_of_the_union_and_a_rerun_adds_nothing()
    {
        using var run = new IncrementalIdentityRun(Rules);
        var first = new[] { Row(3, ("user_id", "u1"), ("email", "a@x")), Row(4, ("email", "b@x"), ("device_id", "d1")) };
        // Late (observed before everything in the first batch), merging the two profiles, and one row delivered again.
        var second = new[] { Row(0, ("email", "b@x"), ("user_id", "u1")), first[0] };
        var all = new List<IdentityRow>();

        foreach (var batch in new[] { first, second })
        {
            run.Append(batch);
            all.AddRange(batch);
            run.Run();
            await SameAsOracleAsync(run, all);
        }
        var before = await DumpAsync(run);
        var rerun = run.Run();

        rerun.ShouldContain("nothing new: outputs unchanged");
        (await DumpAsync(run)).ShouldBe(before);
        await using var db = run.Open();
        Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(*) FROM pipes_id_source_rows")).ShouldBe(3);
        Convert.ToDouble(await db.ScalarAsync("SELECT watermark_number FROM pipes_id_watermarks")).ShouldBe(2);
    }

    [Fact]
    public async Task A_rules_change_without_new_rows_rebuilds_the_outputs()
    {
        using var run = new IncrementalIdentityRun(Rules);
        var rows = new[] { Row(1, ("user_id", "u1"), ("email", "a@x")), Row(2, ("user_id", "u1"), ("email", "b@x")), Row(3, ("user_id", "u1"), ("email", "c@x")) };
        run.Append(rows);
        run.Run();
        var looser = Rules with { Types = Rules.Types.Select(t => t.Name == "email" ? t with { Limit = 3 } : t).ToList() };
        run.UseRules(looser);

        run.Run().ShouldNotContain("nothing new");

        var expected = IdentityText.FromOracle(IdentityOracle.Run(looser, rows));
        await using var db = run.Open();
        DuckDbIdentityTests.Same(await IdentityText.FromDuckDbAsync(db, run.Types), expected);
    }

    [Fact]
    public async Task Rows_behind_the_watermark_and_its_lookback_are_not_read_until_a_full_refresh()
    {
        using var run = new IncrementalIdentityRun(Rules, lookback: 0);
        run.Append([Row(1, ("user_id", "u1"), ("email", "a@x"))]);
        run.Run();
        run.Append([Row(2, ("user_id", "u2"), ("email", "b@x"))]);
        run.Run();
        // A row loaded with an old iterator value (1, behind the watermark 2 with no lookback) is not read.
        File.AppendAllText(Path.Combine(run.Root, "rows.ndjson"), "{\"loaded_at\":1,\"observed_at\":\"2024-01-05 00:00:00\",\"ids_user_id\":[\"u3\"],\"ids_email\":[\"c@x\"],\"ids_device_id\":[],\"ids_cookie\":[],\"ids_anon_id\":[]}\n");
        run.Run();

        await using (var db = run.Open())
            Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(*) FROM pipes_id_nodes")).ShouldBe(4);
        run.Run(fullRefresh: true);
        await using (var db = run.Open())
            Convert.ToInt64(await db.ScalarAsync("SELECT COUNT(*) FROM pipes_id_nodes")).ShouldBe(6);
    }

    [Fact]
    public async Task A_run_that_fails_before_its_outputs_are_written_leaves_the_watermark_and_the_next_run_catches_up()
    {
        using var run = new IncrementalIdentityRun(Rules, lookback: 0);
        var first = new[] { Row(1, ("user_id", "u1"), ("email", "a@x")) };
        var second = new[] { Row(0, ("user_id", "u1"), ("device_id", "d1")) };
        run.Append(first);
        run.Run();
        run.Append(second);
        // A view in the way of pipes_profiles makes the run fail after reading and persisting the new rows.
        await using (var db = run.Open())
        {
            await db.QueryAsync("DROP TABLE pipes_profiles");
            await db.QueryAsync("CREATE VIEW pipes_profiles AS SELECT 1 AS x");
        }
        run.RunExpectingFailure();
        await using (var db = run.Open())
        {
            Convert.ToDouble(await db.ScalarAsync("SELECT watermark_number FROM pipes_id_watermarks")).ShouldBe(1);
            await db.QueryAsync("DROP VIEW pipes_profiles");
        }

        run.Run();

        await SameAsOracleAsync(run, [.. first, .. second]);
        await using var after = run.Open();
        Convert.ToDouble(await after.ScalarAsync("SELECT watermark_number FROM pipes_id_watermarks")).ShouldBe(2);
    }

    /// <summary>
    /// Random rows cut into 1-4 batches, some rows delivered again in the next batch, observed_at independent of the
    /// batch (late rows), the previous batch re-read through the lookback, tight limits and max_links: after every
    /// batch the tables equal the oracle on the union; after the last, a full refresh changes no table.
    /// </summary>
    [Property(MaxTest = 100)]
    public Property After_every_batch_the_tables_equal_a_full_rebuild_on_the_union() =>
        Prop.ForAll(BatchesArb, batches =>
        {
            using var run = new IncrementalIdentityRun(Rules);
            var all = new List<IdentityRow>();
            foreach (var batch in batches)
            {
                run.Append(batch);
                all.AddRange(batch);
                run.Run();
                SameAsOracleAsync(run, all).GetAwaiter().GetResult();
                if (all.Count > batch.Length) NoResetAsync(run).GetAwaiter().GetResult();
            }
            var incremental = DumpAsync(run).GetAwaiter().GetResult();
            run.Run(fullRefresh: true);
            DumpAsync(run).GetAwaiter().GetResult().ShouldBe(incremental);
        });

    /// <summary>
    /// An input without iterator whose rows come and go: each run sees a random subset of the rows (so ids cross
    /// max_links both ways and profiles split again); after every run the tables equal the oracle on what the input
    /// holds now, a run that only adds rows is incremental, and a full refresh at the end changes no table.
    /// </summary>
    [Property(MaxTest = 30)]
    public Property Rows_that_come_and_go_give_the_tables_of_what_the_input_holds() =>
        Prop.ForAll(BatchesArb, batches =>
        {
            using var run = new IncrementalIdentityRun(Rules, iterator: false);
            var held = new List<IdentityRow>();
            foreach (var batch in batches)
            {
                // every other batch replaces what the input holds; the others add to it
                var replaces = held.Count > 0 && batch.Length % 2 == 1;
                var before = held.ToList();
                if (replaces) { run.Clear(); held.Clear(); }
                run.Append(batch);
                held.AddRange(batch);
                run.Run();
                SameAsOracleAsync(run, held).GetAwaiter().GetResult();
                var removed = run.Distinct(before).Except(run.Distinct(held)).Any();
                if (before.Count > 0 && !removed) NoResetAsync(run).GetAwaiter().GetResult();
            }
            var incremental = DumpAsync(run).GetAwaiter().GetResult();
            run.Run(fullRefresh: true);
            DumpAsync(run).GetAwaiter().GetResult().ShouldBe(incremental);
        });

    private static Arbitrary<IdentityRow[][]> BatchesArb { get; } = Arb.From(
        from rows in RandomIdentityRows.Rows.Generator
        from count in Gen.Choose(1, 4)
        from cuts in Gen.ArrayOf(Gen.Choose(0, count - 1), rows.Length)
        from again in Gen.ArrayOf(Gen.Elements(false, false, false, true), rows.Length)
        select Enumerable.Range(0, count).Select(k => rows.Where((_, i) => cuts[i] == k || (again[i] && cuts[i] == k - 1)).ToArray()).ToArray());

    /// <summary>The run after the first one recomputed only the components its rows touched (the graph was not reset).</summary>
    private static async Task NoResetAsync(IncrementalIdentityRun run)
    {
        await using var db = run.Open();
        (await db.QueryAsync("SELECT reason FROM pipes_id_graph_reset")).ShouldBeEmpty();
    }

    private static async Task SameAsOracleAsync(IncrementalIdentityRun run, IReadOnlyList<IdentityRow> all)
    {
        var expected = IdentityText.FromOracle(IdentityOracle.Run(Rules, run.Distinct(all)));
        await using var db = run.Open();
        DuckDbIdentityTests.Same(await IdentityText.FromDuckDbAsync(db, run.Types), expected);
    }

    /// <summary>
    /// Every output and audit table in full, rows sorted. node_key is a stable surrogate (append-only across runs), so
    /// every key column is shown as the node's rank in node order (first_seen, priority, value, type), which a full
    /// rebuild gives as its keys.
    /// </summary>
    public static async Task<string> DumpAsync(DuckDb db)
    {
        const string Rank = "WITH r AS (SELECT node_key, ROW_NUMBER() OVER (ORDER BY first_seen, priority, id_value, id_type) AS k FROM pipes_id_nodes) ";
        var queries = new Dictionary<string, string>
        {
            ["pipes_id_invalid"] = "SELECT * FROM pipes_id_invalid",
            ["pipes_id_observed_at"] = "SELECT * FROM pipes_id_observed_at",
            ["pipes_id_nodes"] = Rank + "SELECT r.k, n.* EXCLUDE (node_key) FROM pipes_id_nodes n JOIN r USING (node_key)",
            ["pipes_id_edges"] = Rank + "SELECT LEAST(a.k, b.k), GREATEST(a.k, b.k), e.first_seen, e.row_count FROM pipes_id_edges e JOIN r a ON a.node_key = e.from_key JOIN r b ON b.node_key = e.to_key",
            ["pipes_id_shared"] = Rank + "SELECT r.k, s.* EXCLUDE (node_key) FROM pipes_id_shared s JOIN r USING (node_key)",
            ["pipes_id_refused_edges"] = Rank + "SELECT a.k, b.k, x.* EXCLUDE (from_key, to_key) FROM pipes_id_refused_edges x JOIN r a ON a.node_key = x.from_key JOIN r b ON b.node_key = x.to_key",
            ["pipes_id_graph"] = Rank + "SELECT a.k, c.k, g.* EXCLUDE (node_key, canonical_key) FROM pipes_id_graph g JOIN r a ON a.node_key = g.node_key JOIN r c ON c.node_key = g.canonical_key",
            ["pipes_profiles"] = Rank + "SELECT c.k, p.* EXCLUDE (canonical_key) FROM pipes_profiles p JOIN r c ON c.node_key = p.canonical_key",
        };
        var lines = new List<string>();
        foreach (var (table, query) in queries)
        {
            lines.Add("# " + table + " " + await db.ScalarAsync($"SELECT COUNT(*) FROM {table}"));
            foreach (var row in await db.QueryAsync(query + " ORDER BY ALL"))
                lines.Add(string.Join(" | ", row.Select(Text)));
        }
        return string.Join("\n", lines);
    }

    private static async Task<string> DumpAsync(IncrementalIdentityRun run)
    {
        await using var db = run.Open();
        return await DumpAsync(db);
    }

    private static string Text(object? value) => value switch
    {
        null => "NULL",
        string s => s,
        System.Collections.IEnumerable items => "[" + string.Join(",", items.Cast<object?>().Select(Text)) + "]",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
