using System.Diagnostics;
using Pipes.Core.Identity;

namespace Pipes.Tests.Identity.Sql;

/// <summary>The compiled identity SQL on DuckDB, driven by the real runner, against the oracle: every table, row for row.</summary>
public sealed class DuckDbIdentityTests
{
    public static TheoryData<string> FixtureNames() => new(IdentityFixtures.Catalog.Keys);

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public async Task Tables_equal_the_oracle_on_every_fixture(string name)
    {
        var fixture = IdentityFixtures.Catalog[name]();

        var expected = IdentityText.FromOracle(IdentityOracle.Run(fixture.Rules, fixture.Rows));
        var actual = await RunAsync(fixture.Rules, fixture.Rows);

        Same(actual, expected);
    }

    [Theory]
    [InlineData("placeholders")]
    [InlineData("shared-device-chain")]
    [InlineData("star-hub-newest")]
    [InlineData("user-device-path-shuffled")]
    public async Task Plain_columns_equal_the_oracle_when_a_missing_id_is_a_null_observation(string name)
    {
        var fixture = IdentityFixtures.Catalog[name]();
        var types = fixture.Rules.Types.Select(t => t.Name).ToList();
        // A plain column is read on every row: where the row has no id of a type, the oracle sees a null one.
        var withNulls = fixture.Rows
            .Select(r => r with { Ids = types.Select(t => r.Ids.SingleOrDefault(i => i.Type == t) ?? new RawId(t, null)).ToList() })
            .ToList();

        var expected = IdentityText.FromOracle(IdentityOracle.Run(fixture.Rules, withNulls));
        var actual = await RunAsync(fixture.Rules, fixture.Rows, plain: true);

        Same(actual, expected);
    }

    internal static async Task<string> RunAsync(IdentityRules rules, IReadOnlyList<IdentityRow> rows, bool plain = false)
    {
        using var run = IdentitySqlRun.Start(rules, rows, plain);
        await using var db = run.Open();
        return await IdentityText.FromDuckDbAsync(db, rules.Types.Select(t => t.Name).ToList());
    }

    /// <summary>Compares line by line first, so a failure names the first differing row instead of printing megabytes.</summary>
    internal static void Same(string actual, string expected)
    {
        var a = actual.Split('\n');
        var e = expected.Split('\n');
        for (var i = 0; i < Math.Min(a.Length, e.Length); i++)
            a[i].ShouldBe(e[i], $"line {i + 1} differs");
        a.Length.ShouldBe(e.Length);
    }
}
