namespace Pipes.Core.Push;

/// <summary>One <c>$identify</c> event, serialised once (<see cref="Json"/>) so batches are sized by real bytes; <see cref="Seq"/> ties it back to its snapshot row.</summary>
public sealed record PushEvent(
    long Seq,
    string AmplitudeId,
    string ProfileId,
    string? UserId,
    string? DeviceId,
    string InsertId,
    string ContentHash,
    string Properties,
    ReadOnlyMemory<byte> Json);

/// <summary>One row of <c>pipes_push_log</c>, plus the event when one was built (the state advances from it); <see cref="Seq"/> is its snapshot row.</summary>
public sealed record DeliveryRecord(long Seq, string AmplitudeId, string? InsertId, PushOutcome Outcome, string? Reason, PushEvent? Event)
{
    public static DeliveryRecord For(PushEvent e, PushOutcome outcome, string? reason = null) =>
        new(e.Seq, e.AmplitudeId, e.InsertId, outcome, reason, e);
}

/// <summary>What happened to one Amplitude identity in a run; written to <c>pipes_push_log.outcome</c> in lower case.</summary>
public enum PushOutcome
{
    /// <summary>Amplitude answered 200 for the event.</summary>
    Accepted,
    /// <summary>Amplitude said no to this event (400 field errors, too large, daily quota).</summary>
    Refused,
    /// <summary>Retries ran out (5xx, network, throttling that never ended).</summary>
    GaveUp,
    /// <summary>Never sent: an id Amplitude refuses, a duplicate identity, or nothing to change.</summary>
    Skipped,
}
