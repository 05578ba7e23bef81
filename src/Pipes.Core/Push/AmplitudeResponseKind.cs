namespace Pipes.Core.Push;

/// <summary>How the pusher must treat a Batch API answer.</summary>
public enum AmplitudeResponseKind
{
    /// <summary>200: every event ingested.</summary>
    Accepted,
    /// <summary>400 <c>Invalid API key</c>: nothing will ever pass; stop the run.</summary>
    InvalidApiKey,
    /// <summary>400: the listed events are refused; the others may be resent.</summary>
    Invalid,
    /// <summary>413: halve the batch.</summary>
    TooLarge,
    /// <summary>429: delay throttled users and devices, give up on daily-quota ones, resend the rest.</summary>
    Throttled,
    /// <summary>5xx or network failure after every retry, or an answer Pipes does not understand.</summary>
    Failed,
}
