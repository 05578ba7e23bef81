namespace Pipes.Core.Compile;

/// <summary>
/// Statements the runner renders and runs before a node, with the run's id and start time, so compiled SQL reads no
/// clock and stays byte-stable (the identity node's history reads them from <c>pipes_id_run</c>). <see cref="Render"/>
/// takes the run id and the UTC start time.
/// </summary>
public sealed record RunStamp(Func<string, DateTime, IReadOnlyList<string>> Render)
{
    /// <summary>The step as commented SQL for the compiled file, with placeholder values.</summary>
    public string Describe() =>
        "-- pipes: before every statement above, the runner records this run's id and start time, e.g.\n"
        + string.Join("\n", Render("<run id>", DateTime.UnixEpoch).SelectMany(s => s.Split('\n')).Select(line => "-- " + line));
}
