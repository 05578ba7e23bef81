using System.Collections.Concurrent;

namespace Pipes.Core.Push;

/// <summary>
/// Delivers one batch to the end, following Amplitude's documented answers: 400 refuses the listed events and
/// resends the rest, 413 halves, 429 delays throttled ids (and gives up on daily-quota ones) while the rest go now.
/// Every event ends as exactly one <see cref="DeliveryRecord"/>.
/// </summary>
public sealed class BatchDelivery(AmplitudeClient client, AmplitudeRetryOptions retry, TimeProvider time, string destination)
{
    /// <exception cref="InvalidApiKeyException">Amplitude refused the key; nothing else can succeed.</exception>
    public Task DeliverAsync(IReadOnlyList<PushEvent> batch, ConcurrentQueue<DeliveryRecord> into, CancellationToken cancellationToken) =>
        DeliverAsync(batch, throttleRound: 0, into, cancellationToken);

    private async Task DeliverAsync(IReadOnlyList<PushEvent> events, int throttleRound, ConcurrentQueue<DeliveryRecord> into, CancellationToken ct)
    {
        if (events.Count == 0) return;
        var response = await client.SendAsync(events, ct).ConfigureAwait(false);
        switch (response.Kind)
        {
            case AmplitudeResponseKind.Accepted:
                Record(events, PushOutcome.Accepted, null, into);
                break;
            case AmplitudeResponseKind.InvalidApiKey:
                throw new InvalidApiKeyException(destination);
            case AmplitudeResponseKind.Invalid:
                await RefuseListedAsync(events, response, throttleRound, into, ct).ConfigureAwait(false);
                break;
            case AmplitudeResponseKind.TooLarge when events.Count == 1:
                Record(events, PushOutcome.Refused, "payload too large (413) for a single event", into);
                break;
            case AmplitudeResponseKind.TooLarge:
                var half = events.Count / 2;
                await DeliverAsync(events.Take(half).ToList(), throttleRound, into, ct).ConfigureAwait(false);
                await DeliverAsync(events.Skip(half).ToList(), throttleRound, into, ct).ConfigureAwait(false);
                break;
            case AmplitudeResponseKind.Throttled:
                await ThrottledAsync(events, response, throttleRound, into, ct).ConfigureAwait(false);
                break;
            default:
                Record(events, PushOutcome.GaveUp, response.Error, into);
                break;
        }
    }

    private async Task RefuseListedAsync(IReadOnlyList<PushEvent> events, AmplitudeResponse response, int throttleRound,
        ConcurrentQueue<DeliveryRecord> into, CancellationToken ct)
    {
        var rest = new List<PushEvent>();
        for (var i = 0; i < events.Count; i++)
        {
            if (response.RefusedEvents.TryGetValue(i, out var reason)) into.Enqueue(DeliveryRecord.For(events[i], PushOutcome.Refused, reason));
            else rest.Add(events[i]);
        }
        // A 400 that names no event in this batch would loop forever if resent: refuse them all with its error.
        if (rest.Count == events.Count)
        {
            Record(events, PushOutcome.Refused, response.Error, into);
            return;
        }
        await DeliverAsync(rest, throttleRound, into, ct).ConfigureAwait(false);
    }

    private async Task ThrottledAsync(IReadOnlyList<PushEvent> events, AmplitudeResponse response, int throttleRound,
        ConcurrentQueue<DeliveryRecord> into, CancellationToken ct)
    {
        var named = response.ThrottledUsers.Count + response.ThrottledDevices.Count + response.ThrottledEvents.Count
            + response.ExceededDailyQuotaUsers.Count + response.ExceededDailyQuotaDevices.Count > 0;
        var throttled = new List<PushEvent>();
        var rest = new List<PushEvent>();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (Has(response.ExceededDailyQuotaUsers, e.UserId) || Has(response.ExceededDailyQuotaDevices, e.DeviceId))
                into.Enqueue(DeliveryRecord.For(e, PushOutcome.Refused, "exceeded daily quota (429)"));
            else if (!named || response.ThrottledEvents.Contains(i) || Has(response.ThrottledUsers, e.UserId) || Has(response.ThrottledDevices, e.DeviceId))
                throttled.Add(e);
            else
                rest.Add(e);
        }
        await DeliverAsync(rest, throttleRound, into, ct).ConfigureAwait(false);
        if (throttled.Count == 0) return;
        if (throttleRound >= retry.MaxThrottleRounds)
        {
            Record(throttled, PushOutcome.GaveUp, $"still throttled (429) after {throttleRound} delays", into);
            return;
        }
        await Task.Delay(retry.ThrottleDelay, time, ct).ConfigureAwait(false);
        await DeliverAsync(throttled, throttleRound + 1, into, ct).ConfigureAwait(false);
    }

    private static bool Has(IReadOnlySet<string> ids, string? id) => id is not null && ids.Contains(id);

    private static void Record(IEnumerable<PushEvent> events, PushOutcome outcome, string? reason, ConcurrentQueue<DeliveryRecord> into)
    {
        foreach (var e in events) into.Enqueue(DeliveryRecord.For(e, outcome, reason));
    }
}
