namespace Pipes.Core.Push;

/// <summary>One row of <c>pipes_push_log</c>, plus the event when one was built (the state advances from it); <see cref="Seq"/> is its snapshot row.</summary>
public sealed record DeliveryRecord(long Seq, string AmplitudeId, string? InsertId, PushOutcome Outcome, string? Reason, PushEvent? Event)
{
    public static DeliveryRecord For(PushEvent e, PushOutcome outcome, string? reason = null) =>
        new(e.Seq, e.AmplitudeId, e.InsertId, outcome, reason, e);
}
