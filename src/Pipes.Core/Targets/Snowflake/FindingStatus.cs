namespace Pipes.Core.Targets.Snowflake;

/// <summary>Whether a connection check passed.</summary>
public enum FindingStatus
{
    Ok,
    Problem,
}
