using System.Globalization;
using Pipes.Core.Compile;
using Pipes.Core.Targets;

namespace Pipes.Core.Run;

/// <summary>Runs a <see cref="ColumnExpansionStep"/>: reads the columns, has the expander render, executes.</summary>
public static class ColumnExpansionRunner
{
    public static async Task<string> RunAsync(ITarget target, ColumnExpansionStep step, IColumnExpander expander, StatementContext context, CancellationToken cancellationToken)
    {
        var discovered = new List<IReadOnlyList<DiscoveredColumn>>();
        foreach (var query in step.Queries)
        {
            var rows = (await target.ExecuteAsync(query, context, cancellationToken)).Rows;
            discovered.Add(rows.Select(r => new DiscoveredColumn(
                Convert.ToString(r[0], CultureInfo.InvariantCulture)!,
                Convert.ToString(r[1], CultureInfo.InvariantCulture)!,
                r.Length > 2 && r[2] is not null ? Convert.ToInt32(r[2], CultureInfo.InvariantCulture) : null)).ToList());
        }
        var (statements, note) = expander.Expand(step, discovered);
        foreach (var statement in statements) await target.ExecuteAsync(statement, context, cancellationToken);
        return note;
    }
}
