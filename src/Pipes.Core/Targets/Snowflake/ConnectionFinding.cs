namespace Pipes.Core.Targets.Snowflake;

/// <summary>One line of <c>pipes debug</c>: what was checked, what was found, and (for a problem) what to do.</summary>
/// <param name="Check">Short stable name: settings, key, connect, auth, warehouse, privileges.</param>
public sealed record ConnectionFinding(FindingStatus Status, string Check, string Message, string? Fix = null)
{
    public static ConnectionFinding Ok(string check, string message) => new(FindingStatus.Ok, check, message);

    public static ConnectionFinding Problem(string check, string message, string fix) => new(FindingStatus.Problem, check, message, fix);
}

/// <summary>Whether a connection check passed.</summary>
public enum FindingStatus
{
    Ok,
    Problem,
}
