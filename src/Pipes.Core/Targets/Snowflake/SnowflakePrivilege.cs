namespace Pipes.Core.Targets.Snowflake;

/// <summary>
/// One privilege the compiled SQL needs, on one object, and why: <c>CREATE FUNCTION</c> on <c>SCHEMA ANALYTICS.PIPES</c>
/// for the identity node's JavaScript UDTF. Names are as Snowflake stores them (unquoted parts upper-cased).
/// </summary>
public sealed record SnowflakePrivilege(string Privilege, string ObjectType, string ObjectName, string Why)
{
    /// <summary>The statement that grants it.</summary>
    public string GrantTo(string role) => $"GRANT {Privilege} ON {ObjectType} {ObjectName} TO ROLE {role};";

    public override string ToString() => $"{Privilege} on {ObjectType.ToLowerInvariant()} {ObjectName} ({Why})";
}
