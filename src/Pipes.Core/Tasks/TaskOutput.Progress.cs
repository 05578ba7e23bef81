using System.Globalization;

namespace Pipes.Core.Tasks;

/// <summary>
/// Progress on nodes that take long: in a terminal, one line redrawn every second with each running node's elapsed
/// time (cleared before any other line); otherwise a plain line (or a <c>node_running</c> JSON event) per running
/// node every <see cref="Heartbeat"/>, so a log shows the run is alive.
/// </summary>
public sealed partial class TaskOutput
{
    private readonly Dictionary<int, (string NodeId, DateTimeOffset Since)> _running = new();
    private ITimer? _ticker;
    private bool _liveShown;

    private void Track(int index, string nodeId)
    {
        lock (_gate)
        {
            _running[index] = (nodeId, Time.GetUtcNow());
            var every = Live && !json ? TimeSpan.FromSeconds(1) : Heartbeat;
            _ticker ??= Time.CreateTimer(_ => Tick(), null, every, every);
        }
    }

    private void Untrack(int index)
    {
        lock (_gate)
        {
            if (!_running.Remove(index) || _running.Count > 0) return;
            _ticker?.Dispose();
            _ticker = null;
            ClearLive();
        }
    }

    private void Tick()
    {
        lock (_gate)
        {
            var now = Time.GetUtcNow();
            var slow = _running.OrderBy(r => r.Key).Select(r => (r.Value.NodeId, Elapsed: now - r.Value.Since)).Where(r => r.Elapsed >= Heartbeat).ToList();
            if (slow.Count == 0) return;
            if (Live && !json)
            {
                var text = "  running: " + string.Join(", ", slow.Select(r => $"{r.NodeId} {Seconds(r.Elapsed)}"));
                stdout.Write("\r\u001b[K" + text);
                stdout.Flush();
                _liveShown = true;
                return;
            }
            foreach (var (nodeId, elapsed) in slow)
            {
                if (json) WriteJsonLocked(stdout, "info", $"{nodeId} still running after {Seconds(elapsed)}",
                    ("event", "node_running"), ("node", nodeId), ("seconds", Math.Round(elapsed.TotalSeconds)));
                else stdout.WriteLine($"  {nodeId} still running after {Seconds(elapsed)}");
            }
        }
    }

    /// <summary>Removes the live line, so the next line starts at column 1. Called under the lock.</summary>
    private void ClearLive()
    {
        if (!_liveShown) return;
        stdout.Write("\r\u001b[K");
        _liveShown = false;
    }

    private static string Seconds(TimeSpan t) => Math.Floor(t.TotalSeconds).ToString("0", CultureInfo.InvariantCulture) + "s";
}
