namespace Pipes.Core.Compile;

/// <summary>
/// Statements that depend on columns only the warehouse knows (<c>map_remaining</c>): the runner runs each
/// <see cref="Queries"/> query, hands the columns to <see cref="Render"/> and executes what it returns. Compile stays
/// pure; the compiled file shows the queries and the statements as they would be with no extra column.
/// </summary>
public sealed record ColumnExpansionStep(
    IReadOnlyList<string> Queries,
    Func<IReadOnlyList<IReadOnlyList<DiscoveredColumn>>, (IReadOnlyList<string> Statements, string Note)> Render) : HostStep
{
    public override IEnumerable<string> Describe()
    {
        foreach (var query in Queries)
            yield return "-- pipes: columns read at run time (map_remaining):\n" + string.Join("\n", query.Split('\n').Select(l => "-- " + l));
        foreach (var statement in Render(Queries.Select(_ => (IReadOnlyList<DiscoveredColumn>)[]).ToList()).Statements)
            yield return statement;
    }
}
