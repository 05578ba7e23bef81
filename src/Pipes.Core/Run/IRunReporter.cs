namespace Pipes.Core.Run;

/// <summary>Receives progress as nodes start and finish (console text, JSON lines, or nothing in tests).</summary>
public interface IRunReporter
{
    void Started(int index, int total, string nodeId, string description);

    void Finished(int index, int total, RunResult result);

    /// <summary>
    /// The node's work ended (called at once, while <see cref="Finished"/> waits for the nodes before it in the run
    /// order when several run at once).
    /// </summary>
    void Ended(int index, int total, RunResult result) { }
}
