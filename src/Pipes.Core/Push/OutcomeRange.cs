namespace Pipes.Core.Push;

/// <summary>
/// Consecutive snapshot rows (<see cref="First"/>..<see cref="Last"/> by <c>seq</c>) that ended the same way: how a
/// page's outcomes reach the warehouse, so a page of accepted events is one row of SQL rather than thousands.
/// </summary>
/// <param name="Sent">An event was built, so the log row carries its insert_id.</param>
/// <param name="Advances">The state takes the row's hash and properties (accepted, or nothing to change).</param>
public sealed record OutcomeRange(long First, long Last, string Outcome, string? Reason, bool Sent, bool Advances)
{
    /// <summary>The seq ranges of events about to be sent, for marking their identities in flight.</summary>
    public static List<OutcomeRange> InFlight(IEnumerable<PushEvent> events)
    {
        var ranges = new List<OutcomeRange>();
        foreach (var seq in events.Select(e => e.Seq).Order())
        {
            if (ranges.Count > 0 && ranges[^1].Last + 1 == seq) ranges[^1] = ranges[^1] with { Last = seq };
            else ranges.Add(new OutcomeRange(seq, seq, "in_flight", null, Sent: true, Advances: false));
        }
        return ranges;
    }

    /// <summary>Sorts records by seq and merges neighbours that share outcome, reason and flags.</summary>
    public static List<OutcomeRange> From(IEnumerable<DeliveryRecord> records)
    {
        var ranges = new List<OutcomeRange>();
        foreach (var r in records.OrderBy(r => r.Seq))
        {
            var outcome = PushSql.OutcomeName(r.Outcome);
            var sent = r.InsertId is not null;
            var advances = r.Event is not null && r.Outcome is PushOutcome.Accepted or PushOutcome.Skipped;
            if (ranges.Count > 0 && ranges[^1] is var last && last.Last + 1 == r.Seq && last.Outcome == outcome
                && last.Reason == r.Reason && last.Sent == sent && last.Advances == advances)
            {
                ranges[^1] = last with { Last = r.Seq };
            }
            else
            {
                ranges.Add(new OutcomeRange(r.Seq, r.Seq, outcome, r.Reason, sent, advances));
            }
        }
        return ranges;
    }
}
