using System.Globalization;
using System.Text;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Properties;

/// <summary>
/// Incremental property models (docs/properties.md, Incremental runs) on DuckDB: after every run of a random
/// sequence the property tables, kept rows and audits equal a build of the same files in a fresh database.
/// </summary>
public sealed class IncrementalPropertyTests
{
    private const string Tables = "pipes_property_facts pipes_property_deals pipes_property_rows_facts pipes_property_rows_deals pipes_property_rejects pipes_property_unmatched";

    private static readonly Dictionary<string, string> ProjectFiles = new()
    {
        ["pipes_project.yml"] = "name: inc\nprofile: p\n",
        ["profiles.yml"] = "p:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n",
        ["models/identity.yml"] = """
            identity:
              id_types:
                user_id: {priority: 1, limit: 1}
                email: {priority: 2, limit: 3, normalize: [lowercase]}
            seeds:
              - name: accounts
                identifiers:
                  - {column: user_id, type: user_id}
                  - {column: email, type: email}
              - name: facts
                config:
                  column_types: {amount: string, seats: string, flag: string, renewal: string}
              - name: deals
                incremental: {iterator: loaded_at, iterator_type: number, lookback: 5}
                config:
                  column_types: {deal_id: string, loaded_at: integer, value: string}
            """,
        ["models/properties.yml"] = """
            properties:
              - name: facts
                from: facts
                key: {column: email, type: email}
                updated_at: updated_at
                columns:
                  stage: {type: string}
                  first_stage: {type: string, survivorship: earliest}
                  common_stage: {type: string, survivorship: most_frequent}
                  amount: {type: number, survivorship: sum}
                  seats: {type: integer, survivorship: max}
                  flag: {type: boolean, survivorship: any_true}
                  renewal: {type: datetime, survivorship: min}
                  contact: {type: string, survivorship: count, amplitude: Contacts}
              - name: deals
                from: deals
                key: {column: email, type: email}
                unique_key: deal_id
                updated_at: closed_at
                columns:
                  deal_stage: {type: string, amplitude: Deal Stage}
                  value: {type: number, survivorship: sum, amplitude: Deal Value}
                  deals: {type: string, survivorship: count, amplitude: Deals}
            """,
    };

    [Fact]
    public async Task After_every_run_of_random_sequences_the_tables_equal_a_fresh_build()
    {
        for (var seed = 1; seed <= 3; seed++)
        {
            var world = new World(new Random(seed));
            using var project = new TestProject(ProjectFiles);
            for (var step = 0; step < 6; step++)
            {
                world.Step(step);
                if (step % 3 == 2)
                {
                    // Identity runs twice without the property models: their next run still finds every moved key.
                    world.WriteTo(project);
                    Build(project, "accounts", "identity");
                    world.MoveAccounts();
                    world.WriteTo(project);
                    Build(project, "accounts", "identity");
                }
                world.WriteTo(project);
                Build(project);
                await ShouldEqualFreshBuild(project, world, $"seed {seed}, step {step}");
            }

            // Nothing changed: no profile is recomputed and nothing is written to the property tables.
            var (code, stdout, stderr) = project.Run("build");
            code.ShouldBe(ExitCodes.Success, stdout + stderr);
            stdout.ShouldNotContain("recomputed every profile");
            await using var db = DuckDb.Open(project);
            foreach (var model in new[] { "facts", "deals" })
            {
                (await db.ScalarAsync($"SELECT COUNT(*) FROM pipes_properties_dirty_{model}")).ShouldBe(0L, $"seed {seed}: {model}");
                (await db.ScalarAsync($"SELECT inserted + updated + deleted FROM pipes_output_changes WHERE output_name = 'pipes_property_{model}'")).ShouldBe(0L, $"seed {seed}: {model}");
            }
        }
    }

    [Fact]
    public async Task Two_profiles_merged_by_identity_are_the_only_ones_recomputed()
    {
        var ann = ProfileIds.For("user_id", "u_0001");
        var bob = ProfileIds.For("email", "bob@x.com");
        using var project = new TestProject(ProjectFiles);
        var world = new World(new Random(7));
        world.Accounts.AddRange(["u_0001,ann@x.com", ",bob@x.com", "u_0003,carol@x.com"]);
        world.Facts.AddRange(["ann@x.com,2026-01-01,trial,1.5", "bob@x.com,2026-02-01,won,2.5", "carol@x.com,2026-03-01,lost,4"]);
        world.WriteTo(project);
        Build(project);

        world.Accounts.Add("u_0001,bob@x.com");
        world.WriteTo(project);
        Build(project);

        await using var db = DuckDb.Open(project);
        (await db.QueryAsync("SELECT profile_id FROM pipes_properties_dirty_facts ORDER BY profile_id")).Select(r => (string?)r[0]).ShouldBe(new[] { ann, bob }.Order());
        (await db.QueryAsync("SELECT inserted, updated, deleted FROM pipes_output_changes WHERE output_name = 'pipes_property_facts'")).Single().ShouldBe(new object?[] { 0L, 1L, 1L });
        (await db.QueryAsync("SELECT amount FROM pipes_property_facts WHERE profile_id = '" + ann + "'")).Single()[0].ShouldBe(4.0);
        await ShouldEqualFreshBuild(project, world, "after the merge");
    }

    [Fact]
    public async Task A_deal_updated_in_place_replaces_its_kept_row()
    {
        using var project = new TestProject(ProjectFiles);
        var world = new World(new Random(3));
        world.Accounts.Add("u_0001,ann@x.com");
        world.Deals["d1"] = "d1,10,ann@x.com,2026-01-01,open,100";
        world.Deals["d2"] = "d2,10,ann@x.com,2026-01-02,open,50";
        world.WriteTo(project);
        Build(project);

        world.Deals["d1"] = "d1,20,ann@x.com,2026-02-01,won,120";
        world.WriteTo(project);
        Build(project);

        await using var db = DuckDb.Open(project);
        (await db.QueryAsync("SELECT deal_stage, value, deals FROM pipes_property_deals")).Single().ShouldBe(new object?[] { "won", 170.0, 2L });
        (await db.ScalarAsync("SELECT COUNT(*) FROM pipes_property_rows_deals")).ShouldBe(2L);
        await ShouldEqualFreshBuild(project, world, "after the update");
    }

    [Fact]
    public async Task A_run_that_fails_before_its_state_is_written_is_followed_by_an_exact_one()
    {
        using var project = new TestProject(ProjectFiles);
        var world = new World(new Random(5));
        world.Step(0);
        world.WriteTo(project);
        Build(project);

        // Publishing deals fails after its rows were kept: a view stands where publishing writes its changes.
        await using (var db = DuckDb.Open(project))
        {
            await db.ExecuteAsync("DROP TABLE pipes_property_deals_changes");
            await db.ExecuteAsync("CREATE VIEW pipes_property_deals_changes AS SELECT 1 AS x");
        }
        world.Step(1);
        world.WriteTo(project);
        project.Run("build").ExitCode.ShouldBe(ExitCodes.Failure);
        await using (var db = DuckDb.Open(project))
        {
            (await db.ScalarAsync("SELECT rules_hash FROM pipes_properties_state WHERE model = 'deals'")).ShouldBe("pending");
            await db.ExecuteAsync("DROP VIEW pipes_property_deals_changes");
        }

        var (code, stdout, stderr) = project.Run("build");
        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        stdout.ShouldContain("recomputed every profile: the last run did not finish");
        await ShouldEqualFreshBuild(project, world, "after the failed run");
    }

    [Fact]
    public async Task Full_refresh_rebuilds_the_kept_rows_from_scratch()
    {
        using var project = new TestProject(ProjectFiles);
        var world = new World(new Random(11));
        world.Step(0);
        world.WriteTo(project);
        Build(project);
        // A kept row that no longer matches its source: only reading every row again corrects it.
        await using (var db = DuckDb.Open(project)) await db.ExecuteAsync("UPDATE pipes_property_rows_deals SET v_3_string = 'edited'");

        var (code, stdout, stderr) = project.Run("build", project.Options() with { FullRefresh = true });
        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        stdout.ShouldContain("recomputed every profile: full refresh");
        await ShouldEqualFreshBuild(project, world, "after --full-refresh");
    }

    [Fact]
    public async Task A_kept_rows_table_dropped_by_hand_is_rebuilt_from_every_row()
    {
        using var project = new TestProject(ProjectFiles);
        var world = new World(new Random(13));
        world.Accounts.AddRange(["u_0001,ann@x.com", "u_0002,bob@x.com"]);
        world.Facts.AddRange(["ann@x.com,2026-01-01,trial,1.5", "bob@x.com,2026-02-01,won,2.5"]);
        world.WriteTo(project);
        Build(project);
        await using (var db = DuckDb.Open(project)) await db.ExecuteAsync("DROP TABLE pipes_property_rows_facts");

        world.Facts.RemoveAt(1); // bob's only row: his profile must leave pipes_property_facts
        world.WriteTo(project);
        var (code, stdout, stderr) = project.Run("build");
        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        stdout.ShouldContain("recomputed every profile: kept rows differ from the last run");
        await ShouldEqualFreshBuild(project, world, "after the kept rows were dropped");
    }

    [Fact]
    public async Task A_timestamp_iterator_reads_past_its_watermark_less_the_lookback()
    {
        var files = new Dictionary<string, string>(ProjectFiles)
        {
            ["models/identity.yml"] = ProjectFiles["models/identity.yml"]
                .Replace("incremental: {iterator: loaded_at, iterator_type: number, lookback: 5}", "incremental: {iterator: loaded_at, lookback: 1 hour}")
                .Replace("loaded_at: integer, ", ""),
        };
        using var project = new TestProject(files);
        var world = new World(new Random(17));
        world.Accounts.AddRange(["u_0001,ann@x.com", "u_0002,bob@x.com"]);
        world.Deals["d1"] = "d1,2026-03-01 10:00:00,ann@x.com,2026-01-01,open,100";
        world.Deals["d2"] = "d2,2026-03-01 10:30:00,bob@x.com,2026-01-02,open,50";
        world.WriteTo(project);
        Build(project);

        // d1 updated in place with a later load; d3 new, loaded inside the lookback; d2 unchanged.
        world.Deals["d1"] = "d1,2026-03-01 12:00:00,ann@x.com,2026-02-01,won,120";
        world.Deals["d3"] = "d3,2026-03-01 09:45:00,bob@x.com,2026-02-02,won,7.5";
        world.WriteTo(project);
        Build(project);

        await using (var db = DuckDb.Open(project))
        {
            (await db.ScalarAsync("SELECT CAST(watermark_at AS VARCHAR) FROM pipes_properties_state WHERE model = 'deals'")).ShouldBe("2026-03-01 12:00:00");
            (await db.QueryAsync("SELECT profile_id FROM pipes_properties_dirty_deals ORDER BY 1")).Count.ShouldBe(2); // ann (d1) and bob (d3)
        }
        await ShouldEqualFreshBuild(project, world, "after the second load", files);
    }

    [Theory]
    [InlineData("{iterator: loaded_at, lookback: 0 seconds}", "2026-03-01 10:00:00", "2026-03-01 10:00:00")]
    // Above 2^53 the number iterator (a DOUBLE) rounds ...993 to the watermark ...992.
    [InlineData("{iterator: loaded_at, iterator_type: number, lookback: 0}", "9007199254740992", "9007199254740993")]
    public async Task A_row_that_arrives_later_with_the_watermark_s_own_iterator_is_read(string incremental, string first, string later)
    {
        var files = new Dictionary<string, string>(ProjectFiles)
        {
            ["models/identity.yml"] = ProjectFiles["models/identity.yml"]
                .Replace("incremental: {iterator: loaded_at, iterator_type: number, lookback: 5}", "incremental: " + incremental)
                .Replace("loaded_at: integer, ", incremental.Contains("number", StringComparison.Ordinal) ? "loaded_at: integer, " : ""),
        };
        using var project = new TestProject(files);
        var world = new World(new Random(23));
        world.Accounts.AddRange(["u_0001,ann@x.com", "u_0002,bob@x.com"]);
        world.Deals["d1"] = $"d1,{first},ann@x.com,2026-01-01,open,100";
        world.WriteTo(project);
        Build(project);

        // d2 lands after that run, with the same iterator value (the same second; a number that rounds to it).
        world.Deals["d2"] = $"d2,{later},bob@x.com,2026-01-02,won,50";
        world.WriteTo(project);
        Build(project);

        await using (var db = DuckDb.Open(project))
            (await db.ScalarAsync("SELECT COUNT(*) FROM pipes_property_deals WHERE deal_stage = 'won'")).ShouldBe(1L);
        await ShouldEqualFreshBuild(project, world, "after the late row", files);
    }

    private static async Task ShouldEqualFreshBuild(TestProject project, World world, string because, Dictionary<string, string>? files = null)
    {
        using var fresh = new TestProject(files ?? ProjectFiles);
        world.WriteTo(fresh);
        Build(fresh);
        foreach (var table in Tables.Split(' '))
            (await Dump(project, table)).ShouldBe(await Dump(fresh, table), $"{because}: {table}");
    }

    private static void Build(TestProject project, params string[] select)
    {
        var (code, stdout, stderr) = project.Run("build", project.Options(select));
        code.ShouldBe(ExitCodes.Success, stdout + stderr);
    }

    private static async Task<string> Dump(TestProject project, string table)
    {
        await using var db = DuckDb.Open(project);
        var rows = await db.QueryAsync($"SELECT * FROM {table} ORDER BY ALL");
        return string.Join("\n", rows.Select(r => string.Join("|", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))));
    }

    /// <summary>
    /// The input files of a run: accounts (identity rows, so profiles merge and split between runs), facts (no
    /// iterator: rows added, removed, changed and repeated) and deals (number iterator and unique_key: new deals,
    /// deals updated in place with a later load, rows delivered again).
    /// </summary>
    private sealed class World(Random random)
    {
        private static readonly string[] Users = ["u_0001", "u_0002", "u_0003", "u_0004", "u_0005"];
        private static readonly string[] Emails = ["ann@x.com", "bob@x.com", "cat@x.com", "dan@x.com", "eve@x.com", "fay@x.com"];
        private int _deals;

        public List<string> Accounts { get; } = [];

        public List<string> Facts { get; } = [];

        public SortedDictionary<string, string> Deals { get; } = new(StringComparer.Ordinal);

        /// <summary>Copies of a deal's current row delivered again with a later load time (kept until the deal is updated).</summary>
        private Dictionary<string, List<string>> Repeated { get; } = new(StringComparer.Ordinal);

        public void Step(int step)
        {
            if (step == 0 || random.Next(2) == 0) MoveAccounts();
            var remove = Facts.Count == 0 ? 0 : random.Next(Math.Min(4, Facts.Count + 1));
            for (var i = 0; i < remove; i++) Facts.RemoveAt(random.Next(Facts.Count));
            for (var i = random.Next(1, 8); i > 0; i--)
            {
                var row = FactRow();
                Facts.Add(row);
                if (random.Next(5) == 0) Facts.Add(row); // the same row twice: two rows, as in a full build
            }
            foreach (var id in Deals.Keys.ToList())
            {
                if (random.Next(4) == 0)
                {
                    Deals[id] = DealRow(id, step); // updated in place (every copy of it), loaded again
                    Repeated.Remove(id);
                }
                else if (random.Next(4) == 0)
                {
                    if (!Repeated.TryGetValue(id, out var copies)) Repeated[id] = copies = [];
                    copies.Add(Reloaded(Deals[id], step)); // delivered again unchanged, with a later load
                }
            }
            for (var i = random.Next(0, 4); i > 0; i--)
            {
                var id = $"d{++_deals}";
                Deals[id] = DealRow(id, step);
            }
        }

        /// <summary>Identity rows drawn again: emails join and leave users, some emails stand alone.</summary>
        public void MoveAccounts()
        {
            Accounts.Clear();
            foreach (var email in Emails)
            {
                var draw = random.Next(4);
                if (draw == 0) continue;
                Accounts.Add(draw == 1 ? $",{email}" : $"{Pick(Users)},{email}");
                if (random.Next(3) == 0) Accounts.Add($"{Pick(Users)},{email}");
            }
        }

        private string FactRow()
        {
            var email = random.Next(8) == 0 ? "ghost@x.com" : Pick(Emails);
            if (random.Next(4) == 0) email = email.ToUpperInvariant();
            string[] dates = ["2026-01-01", "2026-02-01", "2026-02-01", "", "soon"];
            return string.Join(',', email, Pick(dates), Pick(["trial", "won", "lost", ""]), Pick(["1.25", "2.5", "10", "n/a", ""]),
                Pick(["1", "3", "12.5", ""]), Pick(["yes", "no", "maybe", ""]), Pick(["2026-01-01", "1782864000", "soon", ""]), Pick(["c1", "c2", ""]));
        }

        private string DealRow(string id, int step) =>
            string.Join(',', id, (step * 10 + random.Next(10)).ToString(CultureInfo.InvariantCulture), Pick(Emails), Pick(["2026-01-01", "2026-03-01", ""]),
                Pick(["open", "won", "lost"]), Pick(["100", "12.75", "x", ""]));

        private string Reloaded(string deal, int step)
        {
            var parts = deal.Split(',');
            parts[1] = (step * 10 + random.Next(10)).ToString(CultureInfo.InvariantCulture);
            return string.Join(',', parts);
        }

        private string Pick(string[] values) => values[random.Next(values.Length)];

        public void WriteTo(TestProject project)
        {
            project.Write("seeds/accounts.csv", "user_id,email\n" + Lines(Accounts));
            project.Write("seeds/facts.csv", "email,updated_at,stage,first_stage,common_stage,amount,seats,flag,renewal,contact\n"
                + Lines(Facts.Select(f => Expand(f))));
            project.Write("seeds/deals.csv", "deal_id,loaded_at,email,closed_at,deal_stage,value,deals\n"
                + Lines(Deals.Values.Concat(Repeated.Values.SelectMany(c => c)).Select(d => d + "," + d.Split(',')[0])));
        }

        /// <summary>A fact row has one stage; the three stage columns (latest, earliest, most_frequent) all read it.</summary>
        private static string Expand(string fact)
        {
            var parts = fact.Split(',').ToList();
            while (parts.Count < 8) parts.Add("");
            parts.InsertRange(3, [parts[2], parts[2]]);
            return string.Join(',', parts);
        }

        private static string Lines(IEnumerable<string> lines)
        {
            var text = new StringBuilder();
            foreach (var line in lines) text.Append(line).Append('\n');
            return text.ToString();
        }
    }
}
