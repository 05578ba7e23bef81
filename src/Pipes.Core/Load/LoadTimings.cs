using System.Diagnostics;

namespace Pipes.Core.Load;

/// <summary>
/// Wall time, CPU time (every thread of the process) and bytes allocated of each step of one load, in order, for the
/// compile bench (issue 14). A step that runs beside others (the SQL files are read while the YAML is) is recorded with
/// its own wall time only, since the process's CPU and allocations cannot be split between concurrent steps.
/// </summary>
public sealed class LoadTimings
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<Step> _steps = new();
    private TimeSpan _lastWall;
    private TimeSpan _lastCpu = ProcessCpu();
    private long _lastAllocated = GC.GetTotalAllocatedBytes();

    public sealed record Step(string Name, TimeSpan Wall, TimeSpan? Cpu, long? Allocated);

    public IReadOnlyList<Step> Steps
    {
        get { lock (_steps) return _steps.ToList(); }
    }

    /// <summary>Ends a step that started when the previous one ended.</summary>
    public void Mark(string step)
    {
        lock (_steps)
        {
            var wall = _clock.Elapsed;
            var cpu = ProcessCpu();
            var allocated = GC.GetTotalAllocatedBytes();
            _steps.Add(new Step(step, wall - _lastWall, cpu - _lastCpu, allocated - _lastAllocated));
            (_lastWall, _lastCpu, _lastAllocated) = (wall, cpu, allocated);
        }
    }

    /// <summary>Records a step timed by its caller, one that ran beside the others.</summary>
    public void Record(string step, TimeSpan wall)
    {
        lock (_steps) _steps.Add(new Step(step, wall, null, null));
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
