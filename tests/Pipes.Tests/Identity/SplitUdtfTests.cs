using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pipes.Core.Compile;
using Pipes.Core.Dialects;
using Pipes.Core.Identity;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Identity;

/// <summary>
/// The JavaScript split UDTF of the compiled Snowflake script, run under Jint, equals the host's
/// <see cref="ConstrainedSplit"/> row for row on every fixture and on random inputs.
/// </summary>
public sealed class SplitUdtfTests
{
    private static readonly Lazy<SplitUdtf> Standard = new(() => SplitUdtf.Compile(TestRules.Standard()));
    private static readonly Lazy<SplitUdtf> Random = new(() => SplitUdtf.Compile(RandomIdentityRows.Rules));

    public static TheoryData<string> FixtureNames() => new(IdentityFixtures.Catalog.Keys);

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Udtf_equals_the_host_split_on_every_fixture(string name)
    {
        var fixture = IdentityFixtures.Catalog[name]();
        var udtf = SplitUdtf.Compile(fixture.Rules);

        AssertSameAsHost(udtf, fixture.Rules, IdentityOracle.Run(fixture.Rules, fixture.Rows));
    }

    [Property(MaxTest = 100)]
    public Property Udtf_equals_the_host_split_on_random_inputs() =>
        Prop.ForAll(RandomIdentityRows.Rows, rows =>
            AssertSameAsHost(Random.Value, RandomIdentityRows.Rules, IdentityOracle.Run(RandomIdentityRows.Rules, rows)));

    [Fact]
    public void Limits_argument_lists_the_limited_types_in_priority_order()
    {
        Standard.Value.Limits.ShouldBe("""[["user_id",1],["email",3],["device_id",50]]""");
        Standard.Value.Udtf.Arguments.ShouldBe(["KIND", "NODE_KEY", "ID_TYPE", "OTHER_KEY", "LIMITS"]);
    }

    [Fact]
    public void Fixtures_make_the_udtf_refuse_and_split_many_partitions()
    {
        // Guards the equality tests against passing vacuously.
        var fixture = IdentityFixtures.Households(50, 6);
        var output = Standard.Value.Run(fixture.Rules, IdentityOracle.Run(fixture.Rules, fixture.Rows));

        output.Count(o => o.RefusedTo is not null).ShouldBeGreaterThan(10);
        output.Select(o => o.Partition).Distinct().Count().ShouldBeGreaterThan(10);
    }

    [Fact]
    public void Refusal_order_counts_over_all_components_after_either_split()
    {
        // Issue 13, "Numbering": two components, each with one refused edge (two user ids per component). The UDTF
        // sees one component per partition; the numbering statement after it counts over both, as the host does.
        var rows = new[]
        {
            TestRules.Row("a", 0, "user_id:u1", "email:a@x"), TestRules.Row("b", 1, "user_id:u2", "email:a@x"),
            TestRules.Row("c", 0, "user_id:u3", "email:c@x"), TestRules.Row("d", 1, "user_id:u4", "email:c@x"),
        };
        var rules = TestRules.Standard();
        var sql = IdentityOracle.Run(rules, rows);

        var udtf = Standard.Value.Run(rules, sql).Where(o => o.RefusedTo is not null).ToList();
        udtf.Select(o => o.Partition).ShouldBe([0, 1]);

        var numbered = NumberedInDuckDb(rules, sql, udtf.Select(o => new RefusedEdge(o.NodeKey, o.RefusedTo!.Value, o.LimitType!)));
        numbered.ShouldBe(HostNumbered(Host(rules, sql)));
        numbered.Select(r => r.Order).ShouldBe([1L, 2L]);
    }

    private static ConstrainedSplitResult Host(IdentityRules rules, OracleResult sql)
    {
        var (_, _, nodes, edges) = SplitPipeline.SplitInput(rules, sql);
        return ConstrainedSplit.Run(rules, nodes, edges);
    }

    /// <summary>
    /// Canonical rows equal the host's node for node; refusals, numbered by templates/identity/split_number.sql.scriban
    /// executed on DuckDB, equal the host's list numbered as the host runner writes it (position 1..n), row for row.
    /// </summary>
    private static void AssertSameAsHost(SplitUdtf udtf, IdentityRules rules, OracleResult sql)
    {
        var host = Host(rules, sql);
        var output = udtf.Run(rules, sql);

        var canonical = output.Where(o => o.RefusedTo is null).OrderBy(o => o.NodeKey).Select(o => (o.NodeKey, o.CanonicalKey!.Value)).ToList();
        var expected = host.CanonicalKeyByNode.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).ToList();
        canonical.Count.ShouldBe(expected.Count);
        canonical.Zip(expected).Where(p => p.First != p.Second).Take(5)
            .Select(p => $"node {p.First.NodeKey}: udtf canonical {p.First.Value}, host {p.Second.Value}").ShouldBeEmpty();

        var refused = output.Where(o => o.RefusedTo is not null).Select(o => new RefusedEdge(o.NodeKey, o.RefusedTo!.Value, o.LimitType!)).ToList();
        InProcedureOrder(rules, sql, refused).ShouldBe(host.Refused);
        var numbered = NumberedInDuckDb(rules, sql, refused);
        var hostNumbered = HostNumbered(host);
        numbered.Count.ShouldBe(hostNumbered.Count);
        numbered.Zip(hostNumbered).Where(p => p.First != p.Second).Take(5)
            .Select(p => $"udtf refused {p.First}, host {p.Second}").ShouldBeEmpty();
    }

    /// <summary>The host runner writes refusal_order = position in the host's list (IdentitySplitRunner).</summary>
    private static List<(long From, long To, string Type, long Order)> HostNumbered(ConstrainedSplitResult host) =>
        host.Refused.Select((r, i) => (r.FromKey, r.ToKey, r.LimitType, (long)i + 1)).ToList();

    /// <summary>
    /// The UDTF's refusals (unnumbered) in pipes_id_split_refusals beside the split order and active edges they come from, then
    /// the numbering statement the compiled node runs after the split, on a real DuckDB; read back by number.
    /// </summary>
    private static List<(long From, long To, string Type, long Order)> NumberedInDuckDb(IdentityRules rules, OracleResult sql, IEnumerable<RefusedEdge> refused) =>
        Task.Run(async () =>
        {
            await using var db = DuckDb.InMemory();
            await db.ExecuteAsync("CREATE TABLE refusals (from_key BIGINT, to_key BIGINT, limit_type VARCHAR, refusal_order BIGINT)");
            await db.ExecuteAsync("CREATE TABLE active (from_key BIGINT, to_key BIGINT, first_seen TIMESTAMP)");
            // A full build's node keys are ranks in node order, so node_order = node_key here
            await db.ExecuteAsync("CREATE TABLE split_order (node_key BIGINT, priority INTEGER, node_order BIGINT)");
            foreach (var chunk in refused.Chunk(1000))
                await db.ExecuteAsync("INSERT INTO refusals VALUES " + string.Join(", ", chunk.Select(r => $"({r.FromKey}, {r.ToKey}, '{r.LimitType}', NULL)")));
            foreach (var chunk in sql.Edges.Chunk(1000))
                await db.ExecuteAsync("INSERT INTO active VALUES " + string.Join(", ", chunk.Select(e => $"({e.FromKey}, {e.ToKey}, TIMESTAMP '{e.FirstSeen:yyyy-MM-dd HH:mm:ss.ffffff}')")));
            foreach (var chunk in sql.Nodes.Chunk(1000))
                await db.ExecuteAsync("INSERT INTO split_order VALUES " + string.Join(", ", chunk.Select(n => $"({n.Key}, {rules.Type(n.Type).Priority}, {n.Key})")));
            var templates = new StatementTemplates(StatementTemplates.BuiltIn, DuckDbDialect.Instance);
            var tables = new Dictionary<string, string> { ["split_refusals"] = "refusals", ["active_edges"] = "active", ["split_order"] = "split_order" };
            foreach (var statement in templates.Render("identity/split_number.sql.scriban", new Dictionary<string, object?> { ["t"] = tables }))
                await db.ExecuteAsync(statement);
            return (await db.QueryAsync("SELECT from_key, to_key, limit_type, refusal_order FROM refusals ORDER BY refusal_order"))
                .Select(r => (Convert.ToInt64(r[0]), Convert.ToInt64(r[1]), (string)r[2]!, Convert.ToInt64(r[3]))).ToList();
        }).GetAwaiter().GetResult();

    private static List<RefusedEdge> InProcedureOrder(IdentityRules rules, OracleResult sql, IEnumerable<RefusedEdge> refusals)
    {
        var firstSeen = sql.Edges.ToDictionary(e => (e.FromKey, e.ToKey), e => e.FirstSeen);
        return refusals
            .OrderBy(r => Math.Max(rules.Type(sql.Node(r.FromKey).Type).Priority, rules.Type(sql.Node(r.ToKey).Type).Priority))
            .ThenBy(r => firstSeen[(r.FromKey, r.ToKey)])
            .ThenBy(r => r.FromKey)
            .ThenBy(r => r.ToKey)
            .ToList();
    }
}
