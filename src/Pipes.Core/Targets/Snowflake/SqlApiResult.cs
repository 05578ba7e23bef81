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
