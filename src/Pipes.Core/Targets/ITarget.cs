using Pipes.Core.Dialects;
using Pipes.Core.Seeds;

namespace Pipes.Core.Targets;

/// <summary>An engine that executes compiled statements. DuckDB runs in-process; Snowflake through its SQL API.</summary>
public interface ITarget : IAsyncDisposable
{
    /// <summary>The dialect the statements for this target are compiled in.</summary>
    Dialect Dialect { get; }

    /// <summary>Runs one statement (a Snowflake Scripting block counts as one) and reports what it did.</summary>
    /// <exception cref="TargetException">The engine refused or failed the statement.</exception>
    Task<StatementResult> ExecuteAsync(string sql, StatementContext context, CancellationToken cancellationToken);

    /// <summary>Runs a query and streams its rows, one array of values per row, in constant memory.</summary>
    IAsyncEnumerable<object?[]> StreamAsync(string sql, StatementContext context, CancellationToken cancellationToken);

    /// <summary>Whether independent nodes may run at once here, each worker on its own <see cref="OpenSession"/>.</summary>
    bool SupportsConcurrentNodes => false;

    /// <summary>
    /// A target for one more worker running nodes alongside this one: its own connection where statements share a
    /// session (DuckDB), or this target where each statement is an independent request (Snowflake's SQL API).
    /// The runner disposes what it opened, unless it is this target.
    /// </summary>
    ITarget OpenSession() => this;

    /// <summary>
    /// Fills a seed's staging table with its CSV rows through the engine's bulk path and says how (for the run log).
    /// The default sends bounded INSERT chunks; an engine with a faster path (DuckDB's appender) overrides it.
    /// </summary>
    Task<string> LoadSeedRowsAsync(SeedLoadStep step, StatementContext context, CancellationToken cancellationToken) =>
        SeedChunkLoader.LoadAsync(this, step, context, cancellationToken);
}
