using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Pipes.Tests.TestKit;

public sealed partial class SnowflakeSqlApiServer
{
    private readonly ConcurrentDictionary<string, string> _handleByRequestId = new();
    private readonly ConcurrentDictionary<string, Statement> _statements = new();
    private readonly ConcurrentDictionary<string, int> _executions = new();

    /// <summary>Handles the client asked to cancel.</summary>
    public ConcurrentBag<string> Cancelled { get; } = [];

    /// <summary>How many times a statement text really ran (retries with <c>retry=true</c> do not count).</summary>
    public int Executions(string sql) => _executions.GetValueOrDefault(sql);

    public int TotalExecutions => _executions.Values.Sum();

    private async Task SubmitAsync(HttpContext http, RecordedRequest request, ScriptStep? step)
    {
        if (step is { RunStatement: false })
        {
            await WriteAsync(http, step.Status, step.Body);
            return;
        }
        var requestId = request.QueryValue("requestId") ?? "";
        var sql = (string?)request.Json?["statement"] ?? "";
        // Snowflake's idempotency: with retry=true a known requestId returns the first run instead of running again.
        var handle = request.QueryValue("retry") == "true" && _handleByRequestId.TryGetValue(requestId, out var known)
            ? known
            : Execute(requestId, sql);
        var statement = _statements[handle];
        if (step is not null && step.Status != 202)
        {
            await WriteAsync(http, step.Status, step.Body);
            return;
        }
        if (step is not null || request.QueryValue("async") == "true")
        {
            statement.PollsLeft = step is null ? statement.PollsLeft : PollsBeforeReady;
            await WriteAsync(http, 202, Pending(handle));
            return;
        }
        await WriteResultAsync(http, handle, statement);
    }

    private async Task PollAsync(HttpContext http, RecordedRequest request, ScriptStep? step)
    {
        var handle = request.Path.Split('/')[^1];
        if (!_statements.TryGetValue(handle, out var statement))
        {
            await WriteAsync(http, 404, ScriptStep.ErrorBody("000709", "02000", $"Statement {handle} not found", handle));
            return;
        }
        if (step is not null)
        {
            await WriteAsync(http, step.Status, step.Status == 202 ? Pending(handle) : step.Body);
            return;
        }
        if (statement.PollsLeft > 0)
        {
            statement.PollsLeft--;
            await WriteAsync(http, 202, Pending(handle));
            return;
        }
        await WriteResultAsync(http, handle, statement);
    }

    private async Task PartitionAsync(HttpContext http, RecordedRequest request, ScriptStep? step)
    {
        if (step is not null)
        {
            await WriteAsync(http, step.Status, step.Body);
            return;
        }
        var handle = request.Path.Split('/')[^1];
        var statement = _statements[handle];
        var partition = int.Parse(request.QueryValue("partition")!);
        var json = new JsonObject { ["data"] = Rows(statement.Result, partition) }.ToJsonString();
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        http.Response.Headers.ContentEncoding = "gzip";
        await http.Response.Body.WriteAsync(buffer.ToArray());
    }

    private string Execute(string requestId, string sql)
    {
        var handle = Guid.NewGuid().ToString();
        _executions.AddOrUpdate(sql, 1, (_, n) => n + 1);
        _statements[handle] = new Statement(sql, Results.GetValueOrDefault(sql) ?? Answer(sql) ?? FakeResult.SelectOne);
        _handleByRequestId[requestId] = handle;
        return handle;
    }

    /// <summary>
    /// Scripted results by predicate, for statements whose exact text a test does not want to spell out (the
    /// run summary, data tests, column discovery, explain); the first match answers, exact <see cref="Results"/> first.
    /// </summary>
    public ConcurrentQueue<(Func<string, bool> When, Func<string, FakeResult> Result)> Answers { get; } = new();

    /// <summary>Answers statements containing <paramref name="fragment"/> with <paramref name="result"/>.</summary>
    public void AnswerWhenContains(string fragment, FakeResult result) =>
        Answers.Enqueue((sql => sql.Contains(fragment, StringComparison.Ordinal), _ => result));

    private FakeResult? Answer(string sql) => Answers.FirstOrDefault(a => a.When(sql)).Result?.Invoke(sql);

    private Task WriteResultAsync(HttpContext http, string handle, Statement statement)
    {
        var result = statement.Result;
        var partitions = new JsonArray();
        for (var p = 0; p * PartitionSize < Math.Max(1, result.Rows.Count); p++)
        {
            partitions.Add(new JsonObject { ["rowCount"] = Math.Min(PartitionSize, result.Rows.Count - p * PartitionSize) });
        }
        var rowType = new JsonArray(result.Columns.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["database"] = "",
            ["schema"] = "",
            ["table"] = "",
            ["type"] = c.Type,
            ["scale"] = c.Scale,
            ["precision"] = c.Precision,
            ["nullable"] = true,
        }).ToArray());
        var body = new JsonObject
        {
            ["resultSetMetaData"] = new JsonObject
            {
                ["numRows"] = result.Rows.Count,
                ["format"] = "jsonv2",
                ["partitionInfo"] = partitions,
                ["rowType"] = rowType,
            },
            ["data"] = Rows(result, 0),
            ["code"] = "090001",
            ["statementStatusUrl"] = $"/api/v2/statements/{handle}",
            ["sqlState"] = "00000",
            ["statementHandle"] = handle,
            ["message"] = "Statement executed successfully.",
            ["stats"] = result.Stats?.DeepClone(),
        };
        return WriteAsync(http, 200, body.ToJsonString());
    }

    private JsonArray Rows(FakeResult result, int partition) =>
        new(result.Rows.Skip(partition * PartitionSize).Take(PartitionSize)
            .Select(r => (JsonNode)new JsonArray(r.Select(v => v is null ? null : (JsonNode)JsonValue.Create(v)).ToArray()))
            .ToArray());

    private static string Pending(string handle) => new JsonObject
    {
        ["code"] = "333334",
        ["message"] = "Asynchronous execution in progress. Use provided query id to perform query monitoring and management.",
        ["statementHandle"] = handle,
        ["statementStatusUrl"] = $"/api/v2/statements/{handle}",
    }.ToJsonString();

    private sealed class Statement(string sql, FakeResult result)
    {
        public string Sql { get; } = sql;
        public FakeResult Result { get; } = result;
        public int PollsLeft { get; set; }
    }
}
