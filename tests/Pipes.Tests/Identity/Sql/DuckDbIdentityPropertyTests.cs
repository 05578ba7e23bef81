using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pipes.Core.Identity;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Identity.Sql;

/// <summary>Random inputs, row order and round counts, on DuckDB through the compiled SQL and the runner.</summary>
public sealed class DuckDbIdentityPropertyTests
{
    /// <summary>
    /// <see cref="RandomIdentityRows.Rules"/> with distinct priorities: the YAML rejects equal ones, so the SQL never
    /// sees them (the type-name tie break stays covered by the oracle's own tests).
    /// </summary>
    internal static readonly IdentityRules Rules = RandomIdentityRows.Rules with
    {
        Types = RandomIdentityRows.Rules.Types
            .Select(t => t.Name switch { "cookie" => t with { Priority = 4 }, "anon_id" => t with { Priority = 5 }, _ => t })
            .ToList(),
    };

    [Property(MaxTest = 30)]
    public Property Tables_equal_the_oracle_on_random_rows() =>
        Prop.ForAll(RandomIdentityRows.Rows, rows =>
        {
            var expected = IdentityText.FromOracle(IdentityOracle.Run(Rules, rows));
            var actual = DuckDbIdentityTests.RunAsync(Rules, rows).GetAwaiter().GetResult();
            DuckDbIdentityTests.Same(actual, expected);
        });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Shuffled_rows_give_byte_identical_tables(int seed)
    {
        var fixture = IdentityFixtures.Households(20, 5, seed);
        var shuffled = fixture.Rows.ToArray();
        new Random(seed).Shuffle(shuffled);

        var original = await DumpAsync(fixture.Rules, fixture.Rows);
        var reordered = await DumpAsync(fixture.Rules, shuffled);

        original.ShouldContain("pipes_id_refused_edges"); // the dump does cover the split's output
        reordered.ShouldBe(original);
    }

    [Theory]
    [InlineData(PathLabels.Sorted)]
    [InlineData(PathLabels.Reversed)]
    [InlineData(PathLabels.Shuffled)]
    public async Task Rounds_on_a_path_stay_within_floor_log2_n_plus_2(PathLabels labels)
    {
        const int n = 5000;
        var fixture = IdentityFixtures.Path(n, labels, seed: 7);
        using var run = IdentitySqlRun.Start(fixture.Rules, fixture.Rows);
        await using var db = run.Open();

        var rounds = Convert.ToInt32(await db.ScalarAsync("SELECT COUNT(*) FROM pipes_id_rounds"));
        var profiles = Convert.ToInt32(await db.ScalarAsync("SELECT COUNT(*) FROM pipes_profiles"));

        profiles.ShouldBe(1);
        rounds.ShouldBeLessThanOrEqualTo((int)Math.Floor(Math.Log2(n)) + 2);
        rounds.ShouldBeGreaterThan(2);
    }

    /// <summary>Every output table in full, rows sorted, one line per row.</summary>
    private static async Task<string> DumpAsync(IdentityRules rules, IReadOnlyList<IdentityRow> rows)
    {
        using var run = IdentitySqlRun.Start(rules, rows);
        await using var db = run.Open();
        var lines = new List<string>();
        foreach (var table in new[] { "pipes_id_invalid", "pipes_id_nodes", "pipes_id_edges", "pipes_id_shared", "pipes_id_refused_edges", "pipes_id_graph", "pipes_profiles" })
        {
            lines.Add("# " + table);
            foreach (var row in await db.QueryAsync($"SELECT * FROM {table} ORDER BY ALL"))
                lines.Add(string.Join(" | ", row.Select(Text)));
        }
        return string.Join("\n", lines);
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
