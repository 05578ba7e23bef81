namespace Pipes.Core.Push;

/// <summary>One row of <c>pipes_push_log</c>, plus the event when one was built (the state advances from it).</summary>
public sealed record DeliveryRecord(string AmplitudeId, string? InsertId, PushOutcome Outcome, string? Reason, PushEvent? Event)
{
    public static DeliveryRecord For(PushEvent e, PushOutcome outcome, string? reason = null) =>
        new(e.AmplitudeId, e.InsertId, outcome, reason, e);
}
