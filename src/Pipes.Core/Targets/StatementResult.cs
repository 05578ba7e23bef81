namespace Pipes.Core.Targets;

/// <summary>What one statement did: rows affected (when the engine says), its query id, and any rows it returned.</summary>
public sealed record StatementResult(
    long? RowsAffected,
    string? QueryId,
    IReadOnlyList<string> Columns,
    IReadOnlyList<object?[]> Rows)
{
    public static StatementResult Empty(long? rowsAffected = null, string? queryId = null) =>
        new(rowsAffected, queryId, Array.Empty<string>(), Array.Empty<object?[]>());
}
