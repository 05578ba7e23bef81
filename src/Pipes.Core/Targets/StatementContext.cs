namespace Pipes.Core.Targets;

/// <summary>Who is running a statement: the node id and a query tag (<c>pipes:&lt;project&gt;:&lt;node&gt;</c>).</summary>
public sealed record StatementContext(string NodeId, string QueryTag)
{
    public static StatementContext Adhoc(string project) => new("adhoc", $"pipes:{project}:adhoc");
}
