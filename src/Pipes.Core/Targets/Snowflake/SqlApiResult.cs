namespace Pipes.Core.Targets.Snowflake;

/// <summary>
/// A finished statement: its handle, columns, the rows of partition 0 (already decoded) and how many partitions
/// there are in all. Later partitions are fetched on demand by <see cref="SqlApiClient.ReadRowsAsync"/>.
/// </summary>
public sealed record SqlApiResult(
    string StatementHandle,
    IReadOnlyList<SnowflakeColumn> Columns,
    IReadOnlyList<object?[]> FirstPartitionRows,
    int PartitionCount,
    long? TotalRows,
    long? RowsAffected);

/// <summary>One entry of <c>resultSetMetaData.rowType</c>. <see cref="Type"/> is kept as sent (Snowflake sends lower case).</summary>
public sealed record SnowflakeColumn(string Name, string Type, int? Scale, int? Precision, bool Nullable);
