using Pipes.Core.Run;

namespace Pipes.Core.Tasks;

/// <summary>
/// One numbering for a whole command: <c>build</c> prints its graph nodes and then its destinations as
/// "1 of 33" … "33 of 33", so the header's count, the lines and the total line agree.
/// </summary>
public sealed class NumberedReporter(IRunReporter inner, int offset, int total) : IRunReporter
{
    public void Started(int index, int _, string nodeId, string description) => inner.Started(offset + index, total, nodeId, description);

    public void Finished(int index, int _, RunResult result) => inner.Finished(offset + index, total, result);
}
