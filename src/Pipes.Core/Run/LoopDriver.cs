using System.Globalization;
using Pipes.Core.Compile;
using Pipes.Core.Targets;

namespace Pipes.Core.Run;

/// <summary>Drives a <see cref="NodeLoop"/> for engines without procedural SQL: rounds until nothing changes, failing past the cap.</summary>
public static class LoopDriver
{
    /// <summary>Returns the number of rounds run, the last (quiet) one included.</summary>
    /// <exception cref="TargetException">The loop did not converge within its cap.</exception>
    public static async Task<int> RunAsync(ITarget target, NodeLoop loop, StatementContext context, CancellationToken cancellationToken)
    {
        var cap = await ScalarAsync(target, loop.CapQuery, context, cancellationToken);
        for (var round = 1; ; round++)
        {
            foreach (var statement in loop.Round)
                await target.ExecuteAsync(statement, context, cancellationToken);
            var changed = await ScalarAsync(target, loop.ChangedQuery, context, cancellationToken);
            if (changed == 0) return round;
            if (round >= cap)
                throw new TargetException($"did not converge within the round cap of {cap} rounds ({changed} labels still changed in the last round)");
        }
    }

    private static async Task<long> ScalarAsync(ITarget target, string sql, StatementContext context, CancellationToken cancellationToken)
    {
        var result = await target.ExecuteAsync(sql, context, cancellationToken);
        return Convert.ToInt64(result.Rows[0][0], CultureInfo.InvariantCulture);
    }
}
