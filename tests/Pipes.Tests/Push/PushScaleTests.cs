using System.Text.Json.Nodes;
using Pipes.Core.Push;
using Pipes.Tests.TestKit;
using Pipes.Core.Compile;

namespace Pipes.Tests.Push;

/// <summary>
/// The end-state scenarios at 100x the size of the other push tests, over repeated runs: 2,000 profiles whose values
/// change, revert, blank and vanish at random (fixed seed), with runs that fail uncertainly and runs killed midway.
/// After every completed run Amplitude must hold exactly the warehouse, and no identity may get two updates in a run.
/// </summary>
public class PushScaleTests : IAsyncLifetime
{
    private const int Profiles = 2000;
    private static readonly string[] Plans = ["free", "pro", "team", "enterprise"];
    private PushHarness _h = null!;

    public async Task InitializeAsync() => _h = await PushHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Two_thousand_profiles_over_eight_runs_with_reverts_blanks_vanishing_uncertain_and_killed_runs_end_equal()
    {
        var random = new Random(20261126);
        var rows = Enumerable.Range(1, Profiles).ToDictionary(i => i, i => (Plan: Plans[i % 4], Seats: (int?)(i % 7), Present: true));
        var history = rows.ToDictionary(p => p.Key, p => new List<string> { p.Value.Plan });
        var destination = _h.Destination(d => d with { MaxEventsPerBatch = 100, Concurrency = 4 });

        for (var round = 1; round <= 8; round++)
        {
            if (round > 1)
            {
                foreach (var i in rows.Keys.ToList())
                {
                    var r = rows[i];
                    var roll = random.NextDouble();
                    if (roll < 0.10) r.Plan = Plans[random.Next(4)];
                    else if (roll < 0.15 && history[i].Count > 1) r.Plan = history[i][^2];
                    else if (roll < 0.20) r.Seats = r.Seats is null ? random.Next(1, 50) : null;
                    else if (roll < 0.23) r.Present = !r.Present;
                    history[i].Add(r.Plan);
                    rows[i] = r;
                }
            }
            await _h.ProfilesAsync(rows.Where(p => p.Value.Present).Select(p => ($"p{p.Key:D5}", (string?)$"user-{p.Key:D5}", (string?)null,
                new JsonObject { ["plan"] = p.Value.Plan, ["seats"] = p.Value.Seats }.ToJsonString())).ToArray());

            if (round == 3)
            {
                // Every attempt of the first batch is ingested and answered 500: those identities end uncertain.
                for (var i = 0; i <= PushHarness.Retry.MaxRetryAttempts; i++) _h.Server.Script.Enqueue(AmplitudeStep.IngestThenReply(500));
                (await PushOnceAsync(destination with { Concurrency = 1 })).GaveUp.ShouldBe(100);
                (await UncertainAsync()).ShouldBe(100);
            }
            else if (round == 5)
            {
                using var kill = new CancellationTokenSource();
                await Should.ThrowAsync<OperationCanceledException>(() => PushOnceAsync(destination,
                    new PushOptions { Templates = StatementTemplates.BuiltIn, PageSize = 200, Progress = p => { if (p.Batches == 2) kill.Cancel(); } }, kill.Token));
                (await UncertainAsync()).ShouldBeGreaterThan(0);
            }
            else if (round == 7)
            {
                _h.Server.MaxBytes = 4000; // 413s: batches are halved
            }

            var result = await PushOnceAsync(destination);

            result.Succeeded.ShouldBeTrue();
            (result.GaveUp, result.Refused).ShouldBe((0L, 0L));
            Differences(await _h.WarehouseAsync(), _h.Server.Profiles()).ShouldBeEmpty($"round {round}");
            _h.Server.MaxBytes = 20_000_000;
        }
        (await PushOnceAsync(destination)).EventsSent.ShouldBe(0);
        (await UncertainAsync()).ShouldBe(0);
    }

    private async Task<long> UncertainAsync() => (long)(await _h.QueryAsync("SELECT count(*) FROM pipes_push_state WHERE uncertain")).Single()[0]!;

    private static List<string> Differences(SortedDictionary<string, string> warehouse, SortedDictionary<string, string> amplitude) =>
        warehouse.Keys.Union(amplitude.Keys).Order(StringComparer.Ordinal)
            .Where(id => warehouse.GetValueOrDefault(id) != amplitude.GetValueOrDefault(id))
            .Select(id => $"{id}: warehouse {warehouse.GetValueOrDefault(id) ?? "-"}, amplitude {amplitude.GetValueOrDefault(id) ?? "-"}")
            .Take(10).ToList();

    /// <summary>One run; fails the test if any identity got two different events (insert_ids) in it.</summary>
    private async Task<PushResult> PushOnceAsync(PushDestination destination, PushOptions? options = null, CancellationToken cancellationToken = default)
    {
        var before = _h.Server.Requests.Count;
        try
        {
            return await _h.PushAsync(destination, options, cancellationToken, pumpClock: true);
        }
        finally
        {
            var updates = _h.Server.Requests.Skip(before).Where(r => r.Events is not null).SelectMany(r => r.Events!)
                .GroupBy(e => (string?)e!["user_id"]).Where(g => g.Select(e => (string?)e!["insert_id"]).Distinct().Count() > 1).Select(g => g.Key).ToList();
            updates.ShouldBeEmpty("identities with two updates in one run");
        }
    }
}
