namespace Pipes.Core.Push;

/// <summary>Cuts events, in order, into batches under both limits: event count and request bytes.</summary>
public sealed class BatchPlanner(int maxEvents, int maxBytes, int overheadBytes)
{
    public static BatchPlanner For(PushDestination destination) =>
        new(destination.MaxEventsPerBatch, destination.MaxBytesPerBatch, AmplitudeRequestBody.Overhead(destination.ApiKey));

    /// <summary>Batches to send, and the events that alone exceed the byte limit (refused without sending).</summary>
    public (List<List<PushEvent>> Batches, List<PushEvent> TooLarge) Plan(IEnumerable<PushEvent> events)
    {
        var batches = new List<List<PushEvent>>();
        var tooLarge = new List<PushEvent>();
        var current = new List<PushEvent>();
        var bytes = overheadBytes;
        foreach (var e in events)
        {
            var size = e.Json.Length + 1;
            if (overheadBytes + size > maxBytes)
            {
                tooLarge.Add(e);
                continue;
            }
            if (current.Count == maxEvents || bytes + size > maxBytes)
            {
                batches.Add(current);
                current = [];
                bytes = overheadBytes;
            }
            current.Add(e);
            bytes += size;
        }
        if (current.Count > 0) batches.Add(current);
        return (batches, tooLarge);
    }
}
