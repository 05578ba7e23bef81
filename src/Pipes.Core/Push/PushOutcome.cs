namespace Pipes.Core.Push;

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
