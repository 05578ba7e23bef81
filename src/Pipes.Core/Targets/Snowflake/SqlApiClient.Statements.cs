using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipes.Core.Targets.Snowflake;

public sealed partial class SqlApiClient
{
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Submits one statement (a Snowflake Scripting block is one statement and is sent whole), waits for it to finish
    /// and returns partition 0. Cancelling <paramref name="cancellationToken"/> cancels the statement in Snowflake.
    /// </summary>
    /// <exception cref="TargetException">Snowflake refused or failed the statement, or could not be reached.</exception>
    public async Task<SqlApiResult> SubmitAsync(string sql, StatementContext context, CancellationToken cancellationToken)
    {
        var requestId = Guid.NewGuid().ToString();
        var body = StatementBody(sql, context);
        HttpResponseMessage response;
        try
        {
            response = await SendAsync(isRetry => new HttpRequestMessage(HttpMethod.Post, SubmitPath(requestId, isRetry, async: false))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CancelByRequestIdAsync(requestId, body).ConfigureAwait(false);
            throw;
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.OK) return await ReadResultAsync(response, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Accepted) throw await FailureAsync(response, cancellationToken).ConfigureAwait(false);
            var handle = await ReadHandleAsync(response, cancellationToken).ConfigureAwait(false);
            return await PollAsync(handle, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Rows of partition 0, then each later partition fetched (gzip) only when the caller gets to it.</summary>
    public async IAsyncEnumerable<object?[]> ReadRowsAsync(SqlApiResult result, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var row in result.FirstPartitionRows) yield return row;
        for (var partition = 1; partition < result.PartitionCount; partition++)
        {
            var path = $"api/v2/statements/{Uri.EscapeDataString(result.StatementHandle)}?partition={partition}";
            using var response = await SendAsync(_ => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK) throw await FailureAsync(response, cancellationToken).ConfigureAwait(false);
            using var json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            foreach (var row in SqlApiResponses.DecodeRows(json.RootElement, result.Columns)) yield return row;
        }
    }

    /// <summary>Asks Snowflake to cancel a running statement. Best effort: failures are swallowed.</summary>
    public async Task CancelAsync(string statementHandle, CancellationToken cancellationToken)
    {
        var path = $"api/v2/statements/{Uri.EscapeDataString(statementHandle)}/cancel";
        try
        {
            using var response = await SendAsync(_ => new HttpRequestMessage(HttpMethod.Post, path), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TargetException or OperationCanceledException)
        {
            // The statement may have finished already; cancelling is only a courtesy to the warehouse.
        }
    }

    private async Task<SqlApiResult> PollAsync(string handle, CancellationToken cancellationToken)
    {
        var path = $"api/v2/statements/{Uri.EscapeDataString(handle)}";
        try
        {
            using var response = await _poll.ExecuteAsync(
                async ct => await SendAsync(_ => new HttpRequestMessage(HttpMethod.Get, path), ct).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK) return await ReadResultAsync(response, cancellationToken).ConfigureAwait(false);
            throw await FailureAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            using var grace = new CancellationTokenSource(CancelGrace);
            await CancelAsync(handle, grace.Token).ConfigureAwait(false);
            throw;
        }
    }

    // Cancelled before the POST answered, so the handle is unknown. Re-sending the same requestId with retry=true
    // never starts a second run: it returns the running statement's handle (async), which we then cancel.
    private async Task CancelByRequestIdAsync(string requestId, string body)
    {
        using var grace = new CancellationTokenSource(CancelGrace);
        try
        {
            using var response = await SendAsync(_ => new HttpRequestMessage(HttpMethod.Post, SubmitPath(requestId, isRetry: true, async: true))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            }, grace.Token).ConfigureAwait(false);
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Accepted)) return;
            var handle = await ReadHandleAsync(response, grace.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Accepted) await CancelAsync(handle, grace.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TargetException or OperationCanceledException)
        {
            // Best effort, as CancelAsync.
        }
    }

    private static string SubmitPath(string requestId, bool isRetry, bool async) =>
        $"api/v2/statements?requestId={requestId}" + (isRetry ? "&retry=true" : "") + (async ? "&async=true" : "");

    private string StatementBody(string sql, StatementContext context)
    {
        var body = new JsonObject
        {
            ["statement"] = sql,
            ["timeout"] = _settings.StatementTimeoutSeconds,
        };
        AddIfSet(body, "database", _settings.Database);
        AddIfSet(body, "schema", _settings.Schema);
        AddIfSet(body, "warehouse", _settings.Warehouse);
        AddIfSet(body, "role", _settings.Role);
        var parameters = new JsonObject
        {
            // Exactly one statement per request: a scripting block counts as one and is never split.
            ["MULTI_STATEMENT_COUNT"] = "1",
            ["QUERY_TAG"] = context.QueryTag,
        };
        foreach (var (name, value) in SnowflakeSessionParameters.Pinned) parameters[name] = value;
        body["parameters"] = parameters;
        return body.ToJsonString();
    }

    private static void AddIfSet(JsonObject body, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) body[name] = value;
    }

    private static async Task<SqlApiResult> ReadResultAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return SqlApiResponses.ReadResult(json.RootElement);
    }

    private static async Task<string> ReadHandleAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return SqlApiResponses.Handle(json.RootElement)
            ?? throw new TargetException("Snowflake accepted the statement but sent no statementHandle.", code: SnowflakeClientCodes.Protocol);
    }

    private static async Task<TargetException> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        JsonDocument? json = null;
        try
        {
            json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch (TargetException)
        {
            // A proxy or load balancer may answer with HTML; the status is all we have then.
        }
        using (json) return SqlApiResponses.Failure((int)response.StatusCode, json?.RootElement);
    }
}
