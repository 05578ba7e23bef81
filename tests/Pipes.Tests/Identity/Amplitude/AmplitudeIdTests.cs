using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Identity.Amplitude;

/// <summary>
/// <c>amplitude_id</c> with its default rules, and Amplitude's merged-ids table as an edge input (both columns of
/// type <c>amplitude_id</c>), built for real on DuckDB.
/// </summary>
public sealed class AmplitudeIdTests
{
    private const string Types = """
        identity:
          id_types:
            user_id: {priority: 1, limit: 1}
            device_id: {priority: 2, limit: 50}
            amplitude_id: {priority: 3}
        """;

    private const string Seeds = """
        seeds:
          - name: events
            observed_at: seen
            identifiers:
              - {column: user_id, type: user_id}
              - {column: device_id, type: device_id}
              - {column: amplitude_id, type: amplitude_id}
          - name: merged_ids
            observed_at: merge_event_time
            identifiers:
              - {column: amplitude_id, type: amplitude_id}
              - {column: merged_amplitude_id, type: amplitude_id}
        """;

    private static TestProject Project(string events, string merges, string types = Types) => new(new Dictionary<string, string>
    {
        ["pipes_project.yml"] = "name: amp\nprofile: p\n",
        ["profiles.yml"] = "p:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n",
        ["models/identity.yml"] = types + "\n" + Seeds,
        ["seeds/events.csv"] = "user_id,device_id,amplitude_id,seen\n" + events,
        ["seeds/merged_ids.csv"] = "amplitude_id,merged_amplitude_id,merge_event_time,merge_server_time\n" + merges,
    });

    private static void Build(TestProject project)
    {
        var (code, stdout, stderr) = project.Run("build");
        code.ShouldBe(ExitCodes.Success, stdout + stderr);
    }

    private static async Task<string?> ProfileOf(DuckDb db, string type, string value) =>
        (string?)await db.ScalarAsync($"SELECT MAX(profile_id) FROM pipes_id_graph WHERE id_type = '{type}' AND id_value = '{value}'");

    // A user logged in on one device; an anonymous device has its own Amplitude id. Nothing in the events links them.
    private const string TwoPeople = "u_0001,dev-a,1001,2026-01-01\n,dev-b,2002,2026-01-02\n";

    [Fact]
    public async Task An_Amplitude_merge_joins_two_profiles_that_are_otherwise_separate()
    {
        using (var separate = Project(TwoPeople, "1001,9999,2026-01-03,2026-01-03\n"))
        {
            Build(separate);
            await using var db = DuckDb.Open(separate);
            (await ProfileOf(db, "device_id", "dev-b")).ShouldNotBe(await ProfileOf(db, "user_id", "u_0001"));
        }

        using var merged = Project(TwoPeople, "1001,2002,2026-01-03T10:00:00Z,2026-01-03T10:00:07Z\n");
        Build(merged);
        await using var db2 = DuckDb.Open(merged);
        var user = await ProfileOf(db2, "user_id", "u_0001");
        user.ShouldNotBeNull();
        (await ProfileOf(db2, "device_id", "dev-b")).ShouldBe(user);
        (await ProfileOf(db2, "amplitude_id", "2002")).ShouldBe(user);
        // The merge row is one hub edge between the two ids, first seen at the merge time.
        var edge = await db2.QueryAsync("""
            SELECT a.id_value, b.id_value, CAST(e.first_seen AS VARCHAR) FROM pipes_id_edges e
            JOIN pipes_id_nodes a ON a.node_key = e.from_key JOIN pipes_id_nodes b ON b.node_key = e.to_key
            WHERE a.id_type = 'amplitude_id' AND b.id_type = 'amplitude_id'
            """);
        edge.Count.ShouldBe(1);
        new[] { (string)edge[0][0]!, (string)edge[0][1]! }.Order().ShouldBe(["1001", "2002"]);
        ((string)edge[0][2]!).ShouldStartWith("2026-01-03 10:00:00");
    }

    [Fact]
    public async Task A_bad_amplitude_id_is_an_invalid_observation_with_its_reason()
    {
        using var project = Project(
            "u_0001,dev-a,12a4,2026-01-01\nu_0002,dev-b,1.5e11,2026-01-01\nu_0003,dev-c,12345678901234567890,2026-01-01\nu_0004,dev-d, 4 2 ,2026-01-01\nu_0005,dev-e,,2026-01-01\n",
            "1001,1002,2026-01-03,2026-01-03\n");
        Build(project);
        await using var db = DuckDb.Open(project);
        var invalid = (await db.QueryAsync("SELECT reason, observations, samples FROM pipes_id_invalid WHERE id_type = 'amplitude_id' ORDER BY reason_order"))
            .Select(r => $"{r[0]} {r[1]}").ToList();
        invalid.ShouldBe(["null_or_empty 1", "too_long 1", "pattern_mismatch 2"]);
        (await ProfileOf(db, "amplitude_id", "42")).ShouldBe(await ProfileOf(db, "user_id", "u_0004")); // spaces removed
        (await ProfileOf(db, "amplitude_id", "12a4")).ShouldBeNull();
    }

    [Fact]
    public async Task The_default_limit_of_twenty_amplitude_ids_refuses_the_twenty_first_merge_and_a_written_limit_replaces_it()
    {
        // One user's id, then 20 anonymous histories: 21 ids that Amplitude merged into that user's id, one after another.
        var merges = string.Concat(Enumerable.Range(1, 20).Select(i => $"1000,{2000 + i},2026-01-{i + 1:00},2026-01-{i + 1:00}\n"));
        using (var project = Project("u_0001,dev-a,1000,2026-01-01\n", merges))
        {
            Build(project);
            await using var db = DuckDb.Open(project);
            (await db.ScalarAsync("SELECT COUNT(*) FROM pipes_id_graph WHERE id_type = 'amplitude_id' AND profile_id = (SELECT profile_id FROM pipes_id_graph WHERE id_value = 'u_0001')"))
                .ShouldBe(20L);
            var refused = await db.QueryAsync("SELECT limit_type, to_value FROM pipes_id_refused_edges");
            refused.Count.ShouldBe(1);
            refused[0][0].ShouldBe("amplitude_id");
            refused[0][1].ShouldBe("2020"); // the latest merge is the one refused (edges in first_seen order)
        }

        using var raised = Project("u_0001,dev-a,1000,2026-01-01\n", merges, Types.Replace("amplitude_id: {priority: 3}", "amplitude_id: {priority: 3, limit: 30}"));
        Build(raised);
        await using var db2 = DuckDb.Open(raised);
        (await db2.ScalarAsync("SELECT COUNT(*) FROM pipes_id_refused_edges")).ShouldBe(0L);
        (await db2.ScalarAsync("SELECT COUNT(DISTINCT profile_id) FROM pipes_id_graph")).ShouldBe(1L);
    }
}
