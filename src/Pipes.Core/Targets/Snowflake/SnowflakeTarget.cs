using System.Runtime.CompilerServices;
using Pipes.Core.Dialects;

namespace Pipes.Core.Targets.Snowflake;

/// <summary>Snowflake through its SQL API v2: every statement is its own request, context travels in the body.</summary>
public sealed class SnowflakeTarget : ITarget
{
    private readonly SqlApiClient _client;

    private SnowflakeTarget(SqlApiClient client) => _client = client;

    public Dialect Dialect => SnowflakeDialect.Instance;

    /// <summary>Each statement is its own SQL API request, so workers share this target (OpenSession returns it).</summary>
    public bool SupportsConcurrentNodes => true;

    /// <summary>Validates the settings and loads the key (fails fast); no request is sent until a statement runs.</summary>
    /// <param name="handler">HTTP transport; null for the default (tests inject a loopback handler).</param>
    /// <param name="randomizer">Jitter source in [0,1) for the backoff; null for Polly's default.</param>
    /// <exception cref="TargetException">Bad settings or an unusable private key.</exception>
    public static SnowflakeTarget Create(
        SnowflakeSettings settings,
        TimeProvider? time = null,
        HttpMessageHandler? handler = null,
        Func<double>? randomizer = null,
        SqlApiRetryOptions? retry = null) =>
        new(new SqlApiClient(settings, time ?? TimeProvider.System, handler, randomizer, retry));

    public async Task<StatementResult> ExecuteAsync(string sql, StatementContext context, CancellationToken cancellationToken)
    {
        var result = await _client.SubmitAsync(sql, context, cancellationToken).ConfigureAwait(false);
        var rows = new List<object?[]>();
        await foreach (var row in _client.ReadRowsAsync(result, cancellationToken).ConfigureAwait(false)) rows.Add(row);
        return new StatementResult(result.RowsAffected, result.StatementHandle, result.Columns.Select(c => c.Name).ToList(), rows);
    }

    public async IAsyncEnumerable<object?[]> StreamAsync(string sql, StatementContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var result = await _client.SubmitAsync(sql, context, cancellationToken).ConfigureAwait(false);
        await foreach (var row in _client.ReadRowsAsync(result, cancellationToken).ConfigureAwait(false)) yield return row;
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
