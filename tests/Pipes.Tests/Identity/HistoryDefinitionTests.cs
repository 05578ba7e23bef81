using System.Globalization;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Identity;

/// <summary>
/// The history SQL against the definition in docs/identity.md, written here a second time in C#: random rows, a build,
/// random rows appended (late ones, ones joining profiles, repeats), a second build; the events SQL recorded must be
/// exactly those the definition gives for the two graphs.
/// </summary>
public sealed class HistoryDefinitionTests
{
    // What the seeds give: 1 created, merged and 8 split rows; 2 and 3 merged and rekeyed; 4 created and rekeyed.
    [Theory]
    [InlineData(1, 40, 15, 20)]
    [InlineData(2, 40, 15, 20)]
    [InlineData(3, 40, 15, 20)]
    [InlineData(4, 40, 15, 20)]
    // 100 times the rows over pools 50 times larger: thousands of profiles, every kind of event at once.
    [InlineData(5, 4000, 1500, 1000)]
    public async Task Recorded_events_are_the_definition_applied_to_the_old_and_new_graph(int seed, int rows, int appended, int pool)
    {
        var random = new Random(seed);
        using var h = new HistoryProject(Rows(random, rows, pool));
        h.Build();
        var old = await h.GraphAsync();

        h.Append(Rows(random, appended, pool)).Build();
        var next = await h.GraphAsync();

        var expected = HistoryDefinition.Events(old, next);
        expected.ShouldNotBeEmpty();
        (await h.LastEventsAsync()).ShouldBe(expected);
        if (rows > 1000) expected.Select(e => e.Split(' ')[0]).Distinct().Order().ShouldBe(["created", "merged", "rekeyed", "split"]);
    }

    /// <summary>Rows over small pools of ids, so profiles join, limits bite and dates move (a row may be older than the first build's).</summary>
    private static string[] Rows(Random random, int count, int pool) => Enumerable.Range(0, count).Select(_ =>
    {
        string Pick(string prefix, string suffix, int pool, double share) => random.NextDouble() < share ? $"{prefix}{random.Next(pool):D4}{suffix}" : "";
        var day = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(random.Next(60));
        return $"{Pick("u_", "", pool * 3 / 5, 0.4)},{Pick("e", "@x.com", pool, 0.6)},{Pick("dev-", "", pool * 3 / 4, 0.5)},{day.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}";
    }).ToArray();
}
