using System.Globalization;
using Pipes.Core.Templating;

namespace Pipes.Core.Compile;

/// <summary>
/// Statements the runner renders and runs before a node, with the run's id and start time, so compiled SQL reads no
/// clock and stays byte-stable (the identity node's history reads them from <c>pipes_id_run</c>). <see cref="Template"/>
/// receives <c>run_id</c> (text) and <c>run_at</c> (a SQL expression of the UTC start time).
/// </summary>
public sealed record RunStamp(RunTimeTemplate Template)
{
    public IReadOnlyList<string> Render(string runId, DateTime runAt)
    {
        // Microseconds, not TimestampLiteral's seconds: two runs in one second still sort in the order they ran.
        var at = runAt.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        var dialect = Template.Dialect;
        return SqlStatements.Split(Template.Render(("run_id", runId), ("run_at", dialect.CastText(dialect.StringLiteral(at), "datetime"))));
    }

    /// <summary>The step as commented SQL for the compiled file, with placeholder values.</summary>
    public string Describe() =>
        "-- pipes: before every statement above, the runner records this run's id and start time, e.g.\n"
        + string.Join("\n", Render("<run id>", DateTime.UnixEpoch).SelectMany(s => s.Split('\n')).Select(line => "-- " + line));
}
