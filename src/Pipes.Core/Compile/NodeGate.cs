namespace Pipes.Core.Compile;

/// <summary>
/// A check between a node's <see cref="CompiledNode.Statements"/> and the rest: when <see cref="SkipQuery"/> returns a
/// number other than 0, the runner runs <see cref="WhenSkipped"/> instead of <see cref="Statements"/>, the loop, the
/// host step and <see cref="CompiledNode.After"/>. Incremental identity: no new rows and unchanged rules leave every
/// output as the last run wrote it.
/// </summary>
public sealed record NodeGate(string SkipQuery, IReadOnlyList<string> Statements, IReadOnlyList<string> WhenSkipped, string SkipMessage)
{
    /// <summary>The gate as commented SQL, for the compiled file.</summary>
    public IEnumerable<string> Describe()
    {
        yield return "-- pipes: when this returns 1 the runner only runs the statements marked 'when skipped' and stops\n-- skip: " + SkipQuery.ReplaceLineEndings(" ")
            + string.Concat(WhenSkipped.Select(s => "\n-- when skipped: " + s.ReplaceLineEndings(" ")));
        foreach (var statement in Statements) yield return statement;
    }
}
