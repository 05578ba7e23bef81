using System.Diagnostics;

namespace Pipes.Core.Push;

public sealed partial class Pusher
{
    /// <summary>Counters of one run; batch callbacks arrive from several threads.</summary>
    private sealed class RunState(string runId, Stopwatch clock)
    {
        private long _eventsSent;
        private int _batches;

        public string RunId { get; } = runId;
        public long Pending { get; set; }
        public IReadOnlyDictionary<string, long>? LeftOut { get; set; }
        public long RowsDone { get; set; }
        public long SkippedInvalidIds { get; set; }
        public string? Error { get; set; }
        private long _accepted, _refused, _gaveUp, _skipped;

        public void BatchSent(int events, Action<PushProgress>? progress)
        {
            var sent = Interlocked.Add(ref _eventsSent, events);
            var batches = Interlocked.Increment(ref _batches);
            if (progress is null) return;
            // Events approximate rows (skipped rows are few), so rate and ETA move with every batch.
            var rowsDone = Math.Min(Pending, Math.Max(RowsDone, sent));
            var seconds = clock.Elapsed.TotalSeconds;
            var rate = seconds > 0 ? sent / seconds : 0;
            TimeSpan? eta = rate > 0 ? TimeSpan.FromSeconds((Pending - rowsDone) / rate) : null;
            progress(new PushProgress(rowsDone, Pending, sent, batches, rate, eta));
        }

        public void Count(IEnumerable<DeliveryRecord> records)
        {
            foreach (var r in records)
            {
                switch (r.Outcome)
                {
                    case PushOutcome.Accepted: _accepted++; break;
                    case PushOutcome.Refused: _refused++; break;
                    case PushOutcome.GaveUp: _gaveUp++; break;
                    default: _skipped++; break;
                }
            }
        }

        public PushResult Result(PushDestination destination, string? payloadFile, long requests) => new()
        {
            Destination = destination.Name,
            RunId = RunId,
            DryRun = destination.DryRun,
            Pending = Pending,
            LeftOut = LeftOut,
            EventsSent = Interlocked.Read(ref _eventsSent),
            Accepted = _accepted,
            Refused = _refused,
            GaveUp = _gaveUp,
            Skipped = _skipped,
            SkippedInvalidIds = SkippedInvalidIds,
            Batches = _batches,
            Requests = requests,
            Elapsed = clock.Elapsed,
            PayloadFile = payloadFile,
            Error = Error,
        };
    }
}
