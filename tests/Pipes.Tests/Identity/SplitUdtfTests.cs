using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pipes.Core.Identity;

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
    public void Refusal_order_restarts_in_each_partition_where_the_host_numbers_globally()
    {
        // Issue 13, "Numbering": two components, each with one refused edge (two user ids per component).
        var rows = new[]
        {
            TestRules.Row("a", 0, "user_id:u1", "email:a@x"), TestRules.Row("b", 1, "user_id:u2", "email:a@x"),
            TestRules.Row("c", 0, "user_id:u3", "email:c@x"), TestRules.Row("d", 1, "user_id:u4", "email:c@x"),
        };
        var rules = TestRules.Standard();
        var sql = IdentityOracle.Run(rules, rows);

        var udtf = Standard.Value.Run(rules, sql).Where(o => o.RefusedTo is not null).ToList();
        var host = Host(rules, sql).Refused;

        udtf.Select(o => (o.Partition, o.RefusalOrder)).ShouldBe([(0, 1L), (1, 1L)]);
        host.Count.ShouldBe(2); // the host runner writes refusal_order = position in this list: 1, 2
        // The scratch column differs; the refused edges themselves, in procedure order, do not.
        InProcedureOrder(rules, sql, udtf).ShouldBe(host);
    }

    private static ConstrainedSplitResult Host(IdentityRules rules, OracleResult sql)
    {
        var (_, _, nodes, edges) = SplitPipeline.SplitInput(rules, sql);
        return ConstrainedSplit.Run(rules, nodes, edges);
    }

    /// <summary>
    /// Canonical rows equal the host's node for node; refusals, put in procedure order (edge_strength, first_seen,
    /// from_key, to_key: how pipes_id_refused_edges is read), equal the host's list; within a partition the UDTF's
    /// refusal_order is 1..k in that order.
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

        var refused = output.Where(o => o.RefusedTo is not null).ToList();
        var ordered = InProcedureOrder(rules, sql, refused);
        ordered.Count.ShouldBe(host.Refused.Count);
        ordered.Zip(host.Refused).Where(p => p.First != p.Second).Take(5)
            .Select(p => $"udtf refused {p.First}, host {p.Second}").ShouldBeEmpty();
        foreach (var partition in refused.GroupBy(o => o.Partition))
            partition.Select(o => o.RefusalOrder!.Value).ShouldBe(Enumerable.Range(1, partition.Count()).Select(i => (long)i));
    }

    private static List<RefusedEdge> InProcedureOrder(IdentityRules rules, OracleResult sql, IEnumerable<SplitUdtf.Output> refusals)
    {
        var firstSeen = sql.Edges.ToDictionary(e => (e.FromKey, e.ToKey), e => e.FirstSeen);
        return refusals
            .Select(o => new RefusedEdge(o.NodeKey, o.RefusedTo!.Value, o.LimitType!))
            .OrderBy(r => Math.Max(rules.Type(sql.Node(r.FromKey).Type).Priority, rules.Type(sql.Node(r.ToKey).Type).Priority))
            .ThenBy(r => firstSeen[(r.FromKey, r.ToKey)])
            .ThenBy(r => r.FromKey)
            .ThenBy(r => r.ToKey)
            .ToList();
    }
}
