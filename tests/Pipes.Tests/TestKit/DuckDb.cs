using Pipes.Core.Targets;
using Pipes.Core.Targets.DuckDb;

namespace Pipes.Tests.TestKit;

/// <summary>Opens a test project's DuckDB file to check what a run left behind.</summary>
public sealed class DuckDb : IAsyncDisposable
{
    private readonly DuckDbTarget _target;

    private DuckDb(DuckDbTarget target) => _target = target;

    public static DuckDb Open(TestProject project, string path = "target/test.duckdb") =>
        new(DuckDbTarget.Open(Path.Combine(project.Root, path)));

    public static DuckDb InMemory() => new(DuckDbTarget.Open(":memory:"));

    public async Task<IReadOnlyList<object?[]>> QueryAsync(string sql) =>
        (await _target.ExecuteAsync(sql, StatementContext.Adhoc("tests"), CancellationToken.None)).Rows;

    /// <summary>Columns and rows of a query.</summary>
    public Task<StatementResult> ExecuteAsync(string sql) => _target.ExecuteAsync(sql, StatementContext.Adhoc("tests"), CancellationToken.None);

    public async Task<object?> ScalarAsync(string sql) => (await QueryAsync(sql))[0][0];

    public ValueTask DisposeAsync() => _target.DisposeAsync();
}
