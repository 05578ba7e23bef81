using System.Globalization;
using Pipes.Core.Compile;
using Pipes.Core.Targets;

namespace Pipes.Core.Run;

/// <summary>Runs a <see cref="ColumnExpansionStep"/>: reads the columns, has the expander render, runs its guard and statements.</summary>
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
        var expansion = expander.Expand(step, discovered);
        var replaced = await KindGuardRunner.RunAsync(target, expansion.Guard, context, cancellationToken);
        foreach (var statement in expansion.Statements) await target.ExecuteAsync(statement, context, cancellationToken);
        return expansion.Note + replaced;
    }
}
