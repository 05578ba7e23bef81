namespace Pipes.Core.Compile;

/// <summary>
/// A loop the runner drives for engines without procedural SQL: run <see cref="Round"/>, then
/// <see cref="ChangedQuery"/> (one number); stop when it is 0; fail once <see cref="CapQuery"/>'s number of rounds
/// ran without reaching 0, so unconverged results are never kept.
/// </summary>
public sealed record NodeLoop(IReadOnlyList<string> Round, string ChangedQuery, string CapQuery)
{
    /// <summary>The loop as commented SQL, for the compiled file.</summary>
    public IEnumerable<string> Describe()
    {
        yield return "-- pipes: the runner repeats the next statements until the changed count is 0\n-- changed: " + ChangedQuery.ReplaceLineEndings(" ")
            + "\n-- round cap: " + CapQuery.ReplaceLineEndings(" ") + "\n" + Round[0];
        foreach (var statement in Round.Skip(1)) yield return statement;
    }
}
