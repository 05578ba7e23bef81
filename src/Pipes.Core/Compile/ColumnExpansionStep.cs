using Pipes.Core.Plan;
using Pipes.Core.Steps;

namespace Pipes.Core.Compile;

/// <summary>
/// Statements that depend on columns only the warehouse knows (<c>map_remaining</c>), as data: the runner runs each
/// of <see cref="Queries"/>, hands the columns and this step to an <see cref="IColumnExpander"/> (the compiler, which
/// renders <see cref="Node"/>'s templates through the project's catalog) and executes what it returns. The compiled
/// file shows the queries and <see cref="Preview"/>: the statements that run, with one column named
/// <see cref="Placeholder"/> where each discovered column goes.
/// </summary>
public sealed record ColumnExpansionStep(Node Node, IReadOnlyList<string> Queries, IReadOnlyList<string> Preview) : HostStep
{
    /// <summary>The column name that stands for the discovered columns in <see cref="Preview"/>.</summary>
    public const string Placeholder = "pipes_map_remaining_column";

    public override IEnumerable<string> Describe()
    {
        foreach (var query in Queries)
            yield return "-- pipes: columns read at run time (map_remaining):\n" + string.Join("\n", query.Split('\n').Select(l => "-- " + l));
        yield return $"-- pipes: the statements below run with one column per column found, where {Placeholder} (typed string here) stands;\n"
            + "-- the runner renders them again from the same templates once the columns are known";
        foreach (var statement in Preview)
            yield return statement;
    }
}

/// <summary>Renders a <see cref="ColumnExpansionStep"/>'s statements once its columns are known (one list per query).</summary>
public interface IColumnExpander
{
    ColumnExpansion Expand(ColumnExpansionStep step, IReadOnlyList<IReadOnlyList<DiscoveredColumn>> found);
}

/// <summary>
/// What an expansion runs: <see cref="Guard"/> first (the column guard of a table whose columns were only now known,
/// so a discovered column that changed type replaces it), then <see cref="Statements"/>; <see cref="Note"/> joins the
/// node's message.
/// </summary>
public sealed record ColumnExpansion(KindGuard? Guard, IReadOnlyList<string> Statements, string Note);

/// <summary>A column the warehouse reported at run time (information_schema), with its type as the engine names it.</summary>
public sealed record DiscoveredColumn(string Name, string DataType, int? Scale);
