using System.Globalization;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Identity.Sql;

/// <summary>
/// Every table the identity node writes, on the bench's entity-heavy shape (bench/Pipes.Bench/Identity/
/// IdentityBenchData.Entity.cs, the same SQL at 5,000 rows, plus limits, a max_links and one phone in 25 of the next
/// person, so components chain people, the split refuses edges and shared ids lose theirs), after a full run, an incremental run of 1% new rows (some joining existing people) and a run with nothing
/// new. The checksums were recorded from the node before the speed work of issue 14 (frontier-driven rounds, ...):
/// a faster formulation must not change a single row, ids included. The published outputs are pinned, not the scratch
/// tables they are published from (<see cref="Scratch"/>).
/// </summary>
public sealed class IdentityBenchShapeTests
{
    private const string Rules = """
        identity:
          id_types:
            order_id:   {priority: 1}
            visit_id:   {priority: 2}
            ticket_id:  {priority: 3}
            payment_id: {priority: 4}
            signup_id:  {priority: 5}
            email:      {priority: 6, normalize: [lowercase], limit: 2, max_links: {order_id: 3}}
            phone:      {priority: 7}
            loyalty_id: {priority: 8, limit: 1}
        sources:
          - name: raw
            schema: main
            tables:
        """;

    private static readonly (string Table, string KeyType, string Prefix, int Email, int Phone, int Loyalty)[] Inputs =
    [
        ("orders", "order_id", "ord", 95, 80, 40),
        ("visits", "visit_id", "vis", 70, 40, 90),
        ("tickets", "ticket_id", "tic", 60, 95, 40),
        ("payments", "payment_id", "pay", 50, 80, 85),
        ("signups", "signup_id", "sig", 95, 85, 30),
    ];

    /// <summary>Rows [from, to) of each input, people = 600 (12% of 5,000), as the bench generates them.</summary>
    private static IEnumerable<string> Generate(long from, long to, bool create) => Inputs.Select((input, n) => string.Create(CultureInfo.InvariantCulture, $"""
        {(create ? $"CREATE TABLE {input.Table} AS" : $"INSERT INTO {input.Table}")}
        WITH r AS (
          SELECT i, hash(i * 5 + {n} + 14 * 1000003) AS h, hash(i * 5 + {n} + 14 * 7919) % 600 AS p
          FROM range({from}, {to}) AS t(i)
        )
        SELECT
          '{input.Prefix}' || CAST(i AS VARCHAR) AS {input.KeyType},
          TIMESTAMP '2025-01-01' + to_seconds(CAST(h % 31536000 AS BIGINT)) AS created_at,
          CASE WHEN (h >> 8) % 100 < {input.Email} AND h % 20 <> 0
            THEN CASE WHEN (h >> 40) % 4 = 0 THEN 'P' ELSE 'p' END || CAST(p AS VARCHAR) || '@mail.com' END AS email,
          CASE WHEN (h >> 16) % 100 < {input.Phone} AND h % 20 <> 0 THEN '+1' || lpad(CAST(CASE WHEN (h >> 48) % 25 = 0 THEN (p + 1) % 600 ELSE p END AS VARCHAR), 10, '0') END AS phone,
          CASE WHEN (h >> 24) % 100 < {input.Loyalty} AND h % 20 <> 0 THEN 'L' || CAST(p AS VARCHAR) END AS loyalty_id
        FROM r
        """));

    private static string Definitions => Rules + "\n" + string.Concat(Inputs.Select(i => $$"""
              - name: {{i.Table}}
                observed_at: created_at
                identifiers:
                  - {column: {{i.KeyType}}, type: {{i.KeyType}}}
                  - {column: email, type: email}
                  - {column: phone, type: phone}
                  - {column: loyalty_id, type: loyalty_id}

        """));

    /// <summary>Columns that hold the run's id or clock, which differ between any two runs, and the hash of the node's
    /// statements (rules_hash), which any change of its SQL changes by design.</summary>
    private static readonly string[] RunColumns = ["run_id", "run_at", "started_at", "finished_at", "seconds", "rules_hash"];

    /// <summary>Columns added since the checksums were recorded, left out so the recorded rows still pin the others:
    /// pipes_id_missing.row_no (the largest row number a count covers, so the counts of a run that did not complete
    /// are forgotten; <see cref="FailedRunRecoveryTests"/>).</summary>
    private static readonly (string Table, string Column)[] Added = [("pipes_id_missing", "row_no")];

    /// <summary>
    /// What a node computes before publishing (an output's <c>_next</c> rows and <c>_scope</c> keys): since outputs are
    /// published by key scope they hold the touched components only, so the published tables are what is pinned.
    /// </summary>
    private static readonly string[] Scratch = ["_next", "_scope"];

    [Fact]
    public async Task Every_table_is_unchanged_on_the_entity_shape_full_incremental_and_idle()
    {
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: shape\nprofile: t\n",
            ["profiles.yml"] = "t:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n",
            ["models/identity.yml"] = Definitions,
        });
        Directory.CreateDirectory(Path.Combine(project.Root, "target"));
        await using (var db = DuckDb.Open(project))
            foreach (var sql in Generate(0, 1000, create: true)) await db.ExecuteAsync(sql);
        var full = await RunAndChecksumAsync(project);

        // 1% new rows per input (row numbers past the first batch, so new keys; their people are existing ones)
        await using (var db = DuckDb.Open(project))
            foreach (var sql in Generate(1000, 1010, create: false)) await db.ExecuteAsync(sql);
        var incremental = await RunAndChecksumAsync(project);
        var idle = await RunAndChecksumAsync(project);

        full.ShouldBe(Recorded.Full);
        incremental.ShouldBe(Recorded.Incremental);
        idle.ShouldBe(Recorded.Idle);
    }

    private static async Task<string> RunAndChecksumAsync(TestProject project)
    {
        var (code, stdout, stderr) = project.Run("run");
        code.ShouldBe(0, stdout + stderr);
        await using var db = DuckDb.Open(project);
        var tables = (await db.QueryAsync(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE' "
            + "AND (table_name LIKE 'pipes%') ORDER BY table_name")).Select(r => (string)r[0]!)
            .Where(t => !Scratch.Any(suffix => t.EndsWith(suffix, StringComparison.Ordinal))).ToList();
        var lines = new List<string>();
        foreach (var table in tables)
        {
            var columns = (await db.QueryAsync($"SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = '{table}' ORDER BY ordinal_position"))
                .Select(r => (string)r[0]!).Where(c => !RunColumns.Contains(c) && !Added.Contains((table, c))).Select(c => $"\"{c}\"").ToList();
            if (columns.Count == 0) continue;
            var list = string.Join(", ", columns);
            var row = (await db.QueryAsync($"SELECT COUNT(*), md5(COALESCE(string_agg(CAST(ROW({list}) AS VARCHAR), chr(10) ORDER BY CAST(ROW({list}) AS VARCHAR)), '')) FROM \"{table}\""))[0];
            lines.Add($"{table} {Convert.ToInt64(row[0], CultureInfo.InvariantCulture)} {row[1]}");
        }
        return string.Join("\n", lines);
    }

    /// <summary>Recorded from the node before issue 14's changes (feat/idspeed at b7f7773); pipes_id_input_digests (the
    /// inputs' row counts and digests, which let an unchanged input go unread) added with that table.</summary>
    private static class Recorded
    {
        public const string Full = """
            pipes_id_active_edges 9511 16bbb0f68e4541c3358ccd2ec0b0650b
            pipes_id_components 6793 fc3ada80176badf11de3e9d0a0bca9ad
            pipes_id_edges 9838 9fd45e681bdba5a766f302837beeb23f
            pipes_id_exclusions 0 d41d8cd98f00b204e9800998ecf8427e
            pipes_id_graph 6793 d29f62750296ea239ceb83b3e851c0dc
            pipes_id_graph_changes 6793 2032e661abb93a199a51729bb543c457
            pipes_id_graph_reset 1 c095b8d5adb3a7dc5f87637d5db23ce0
            pipes_id_graph_state 5 67fe43aeb409578c98897e4908d5cfb7
            pipes_id_history 967 391412ec38aaea54a7b0fd8d84897254
            pipes_id_history_run 967 391412ec38aaea54a7b0fd8d84897254
            pipes_id_input_digests 5 7ee1a83e2f8a5eb458498f08f49a45a3
            pipes_id_invalid 3 434f40aed305cd0448d849359f7172b0
            pipes_id_missing 20 e7422e3de6c9cb2838a701aaf2ffc558
            pipes_id_nodes 6793 6aee133a97c964b7e4cae2d58f12c09a
            pipes_id_observations 14838 6aa319ade8509d910b933b118b4d984a
            pipes_id_observed_at 0 d41d8cd98f00b204e9800998ecf8427e
            pipes_id_refused_edges 356 ba8e7fbc1f1e726a8a804c7ec28c7e66
            pipes_id_refused_edges_changes 356 5692021d3dc632b7470a53b949afbfff
            pipes_id_rounds 5 9443aae474a23cf244fa76a56a0262b8
            pipes_id_shared 134 c4ea73f3b9206413082accee8087f627
            pipes_id_source_rows 5000 492a2bc7aa2fffd29b1794b398ea05be
            pipes_id_split_refusals 356 239b7abfb9322990d19cfc4b1f0ca415
            pipes_id_state 1 0f8520ddcd91f14f0e22745b09722729
            pipes_id_touched 6793 b7ea7a841082ceb614e048fd1593aad3
            pipes_id_watermarks 5 092d1110643ce14ce16d04ba72be68e9
            pipes_output_changes 3 7d1c536e32b2a5fe4c3d19aebf8e64f5
            pipes_output_columns 32 c0ad5d030d1784eca03edbbd8bbd498f
            pipes_profiles 967 4d4e8933231f2a3dabcd88eacb925757
            pipes_profiles_changes 967 81d5f5e3eeb9da0387feeefa337f87a1
            """;
        public const string Incremental = """
            pipes_id_active_edges 9590 8819840b80ab31ec92f65b5567996f78
            pipes_id_components 6843 14841ee3dfed2aee65c3a79ac38c1f21
            pipes_id_edges 9929 7d5179b4dbbee4e77e817bb723b07613
            pipes_id_exclusions 0 d41d8cd98f00b204e9800998ecf8427e
            pipes_id_graph 6843 c4de0be2a6922c3c356ca7aca65aacb7
            pipes_id_graph_changes 125 42d41e1b3a84b3c6d66741adf56c542d
            pipes_id_graph_reset 0 d41d8cd98f00b204e9800998ecf8427e
            pipes_id_graph_state 5 db5b7a2e26213c2409b6367c13df9330
            pipes_id_history 980 c4475499b6d36ee2114ed2cb7afb1cb2
            pipes_id_history_run 13 bf8e0d74cb24df5fc869dc1a375287af
            pipes_id_input_digests 5 5e0f1cedcdfe4d624ee38c7a514b0ac7
            pipes_id_invalid 3 879b8b6cf783c341b9e157f8c5ac3aaa
            pipes_id_missing 40 8eb7dca62da1cb4c309bbca1ba93fb6d
            pipes_id_nodes 6843 4f57fe8bd7037dae73ffb2cbd7b8348c
            pipes_id_observations 14979 4a251d9a31c5a23fc94047bc78741c2b
            pipes_id_observed_at 0 d41d8cd98f00b204e9800998ecf8427e
            pipes_id_refused_edges 363 ee7017cd5b2d11c830fd7ed43b27866a
            pipes_id_refused_edges_changes 13 fbc7e0746df3bf319b1adc99cfa09a06
            pipes_id_rounds 4 228ae1c2b5c425fd622716ff7baec208
            pipes_id_shared 140 5bacdf878b87be96b5e20f0d144d470f
            pipes_id_source_rows 5050 1eac37ad48595b73e22a0863579fc5a3
            pipes_id_split_refusals 62 6c8f1646360f266bb36893130f8da474
            pipes_id_state 1 c6ce45a0d35b49f8078e95919ffd0e9b
            pipes_id_touched 787 380032f308e17d2c23ab35156eb4741b
            pipes_id_watermarks 5 4491487a6c29aad4efa55bb8e854b811
            pipes_output_changes 3 e932482c9e772fc19662be9a87dec105
            pipes_output_columns 32 c0ad5d030d1784eca03edbbd8bbd498f
            pipes_profiles 971 ba7c9da0abc69ac79ecf44359afec9f7
            pipes_profiles_changes 63 a1b4163d3255f91904b28f48e0211f12
            """;
        public const string Idle = """
            pipes_id_active_edges 9590 8819840b80ab31ec92f65b5567996f78
            pipes_id_components 6843 14841ee3dfed2aee65c3a79ac38c1f21
            pipes_id_edges 9929 7d5179b4dbbee4e77e817bb723b07613
            pipes_id_exclusions 0 d41d8cd98f00b204e9800998ecf8427e
            pipes_id_graph 6843 c4de0be2a6922c3c356ca7aca65aacb7
            pipes_id_graph_changes 0 d41d8cd98f00b204e9800998ecf8427e
            pipes_id_graph_reset 0 d41d8cd98f00b204e9800998ecf8427e
            pipes_id_graph_state 5 db5b7a2e26213c2409b6367c13df9330
            pipes_id_history 980 c4475499b6d36ee2114ed2cb7afb1cb2
            pipes_id_history_run 0 d41d8cd98f00b204e9800998ecf8427e
            pipes_id_input_digests 5 c6a98b0dee1ee598b6da9cb943fd7007
            pipes_id_invalid 3 879b8b6cf783c341b9e157f8c5ac3aaa
            pipes_id_missing 60 11a73a6b4e5ee792efeaf705445107db
            pipes_id_nodes 6843 4f57fe8bd7037dae73ffb2cbd7b8348c
            pipes_id_observations 14979 4a251d9a31c5a23fc94047bc78741c2b
            pipes_id_observed_at 0 d41d8cd98f00b204e9800998ecf8427e
            pipes_id_refused_edges 363 ee7017cd5b2d11c830fd7ed43b27866a
            pipes_id_refused_edges_changes 0 d41d8cd98f00b204e9800998ecf8427e
            pipes_id_rounds 4 228ae1c2b5c425fd622716ff7baec208
            pipes_id_shared 140 5bacdf878b87be96b5e20f0d144d470f
            pipes_id_source_rows 5050 1eac37ad48595b73e22a0863579fc5a3
            pipes_id_split_refusals 62 6c8f1646360f266bb36893130f8da474
            pipes_id_state 1 c6ce45a0d35b49f8078e95919ffd0e9b
            pipes_id_touched 787 380032f308e17d2c23ab35156eb4741b
            pipes_id_watermarks 5 4491487a6c29aad4efa55bb8e854b811
            pipes_output_changes 3 e4cfa51014d8681cd4420d0fee1339d4
            pipes_output_columns 32 c0ad5d030d1784eca03edbbd8bbd498f
            pipes_profiles 971 ba7c9da0abc69ac79ecf44359afec9f7
            pipes_profiles_changes 0 d41d8cd98f00b204e9800998ecf8427e
            """;
    }
}
