namespace Pipes.Core.Targets.Snowflake;

/// <summary>One entry of <c>resultSetMetaData.rowType</c>. <see cref="Type"/> is kept as sent (Snowflake sends lower case).</summary>
public sealed record SnowflakeColumn(string Name, string Type, int? Scale, int? Precision, bool Nullable);
