namespace Pipes.Core.Targets;

/// <summary>An engine refused or failed a statement. Carries the engine's own code and state so callers never parse messages.</summary>
public sealed class TargetException : Exception
{
    public TargetException(string message, string? code = null, string? sqlState = null, int? sqlLine = null, string? queryId = null, Exception? inner = null, int? sqlColumn = null)
        : base(message, inner)
    {
        SqlColumn = sqlColumn;
        Code = code;
        SqlState = sqlState;
        SqlLine = sqlLine;
        QueryId = queryId;
    }

    /// <summary>The engine's error code (Snowflake's <c>code</c>), if any.</summary>
    public string? Code { get; }

    public string? SqlState { get; }

    /// <summary>1-based line in the statement the engine blamed, if it said.</summary>
    public int? SqlLine { get; }

    /// <summary>1-based column on <see cref="SqlLine"/>, if the engine said.</summary>
    public int? SqlColumn { get; }

    public string? QueryId { get; }
}
