using System.Globalization;
using Pipes.Core.Compile;
using Pipes.Core.Targets;

namespace Pipes.Core.Run;

/// <summary>Runs a chain of <see cref="KindGuard"/>s: each one's setup and probe, and its drop when the probe finds the relation to replace.</summary>
public static class KindGuardRunner
{
    /// <summary>What was replaced, for the node's message (<c> (replaced the view of the same name)</c>); empty when nothing was.</summary>
    public static async Task<string> RunAsync(ITarget target, KindGuard? first, StatementContext context, CancellationToken cancellationToken)
    {
        if (first is null) return "";
        var said = "";
        foreach (var guard in first.Chain())
        {
            foreach (var statement in guard.Setup) await target.ExecuteAsync(statement, context, cancellationToken);
            var found = await target.ExecuteAsync(guard.Probe, context, cancellationToken);
            if (found.Rows.Count == 0) continue;
            await target.ExecuteAsync(guard.Drop, context, cancellationToken);
            said += $" (replaced the {Convert.ToString(found.Rows[0][0], CultureInfo.InvariantCulture)!.ToLowerInvariant()} of the same name)";
        }
        return said;
    }
}
