using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipes.Core.Targets.Snowflake;

namespace Pipes.Tests.TestKit;

/// <summary>
/// A loopback fake of Snowflake's SQL API v2 (Kestrel on 127.0.0.1:0) that follows the documented contract:
/// verifies key-pair JWTs (signature and fingerprint), PAT/OAuth bearers, dedups submits by requestId when
/// <c>retry=true</c>, answers 202 while a statement "runs", serves gzip partitions and records every request.
/// </summary>
public sealed partial class SnowflakeSqlApiServer : IAsyncDisposable
{
    public const string Account = "myorg-acct";
    public const string User = "pipes_user";

    private readonly WebApplication _app;
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _gate = new();

    private SnowflakeSqlApiServer(WebApplication app) => _app = app;

    public int Port { get; private set; }

    /// <summary>When set, Bearer tokens must be RS256 JWTs signed by this key with its fingerprint in <c>iss</c>.</summary>
    public RSA? TrustedKey { get; set; }

    /// <summary>When set, the bearer must equal this (PAT/OAuth) and the token type header <see cref="ExpectedTokenType"/>.</summary>
    public string? ExpectedBearer { get; set; }

    public string? ExpectedTokenType { get; set; }

    /// <summary>JWTs issued before this instant are refused with 390144 (as if they had expired).</summary>
    public DateTimeOffset? RejectJwtsIssuedBefore { get; set; }

    /// <summary>How many polls of a 202 statement answer 202 again before the result is ready.</summary>
    public int PollsBeforeReady { get; set; }

    /// <summary>Rows per partition; partition 0 is inline, the rest are fetched and gzip-compressed.</summary>
    public int PartitionSize { get; set; } = 1000;

    public ConcurrentQueue<ScriptStep> Script { get; } = new();

    public ConcurrentDictionary<string, FakeResult> Results { get; } = new();

    /// <summary>Every verified JWT payload, in order.</summary>
    public ConcurrentQueue<JsonObject> VerifiedJwtClaims { get; } = new();

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_gate) return _requests.ToList(); }
    }

    public static async Task<SnowflakeSqlApiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new SnowflakeSqlApiServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = new Uri(address).Port;
        return server;
    }

    /// <summary>Settings aimed at this server over plain HTTP.</summary>
    public SnowflakeSettings Settings(string authenticator = "keypair", string? privateKey = null, string? token = null) => new()
    {
        Account = Account,
        User = User,
        Authenticator = authenticator,
        PrivateKey = privateKey,
        Token = token,
        Role = "TRANSFORMER",
        Warehouse = "PIPES_WH",
        Database = "ANALYTICS",
        Schema = "PIPES",
        Host = "127.0.0.1",
        Port = Port,
        Protocol = "http",
        StatementTimeoutSeconds = 600,
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var request = await RecordAsync(http.Request);
        var refusal = Authenticate(request);
        if (refusal is not null)
        {
            await WriteAsync(http, 401, refusal);
            return;
        }
        if (string.IsNullOrEmpty(request.Header("User-Agent")))
        {
            await WriteAsync(http, 400, ScriptStep.ErrorBody("391903", "", "User-Agent header is required."));
            return;
        }
        if (request.IsCancel)
        {
            var handle = request.Path.Split('/')[^2];
            Cancelled.Add(handle);
            await WriteAsync(http, 200, new JsonObject { ["statementHandle"] = handle, ["message"] = "successfully canceled" }.ToJsonString());
            return;
        }
        var step = Script.TryDequeue(out var s) ? s : null;
        if (request.IsSubmit) await SubmitAsync(http, request, step);
        else if (request.IsPartition) await PartitionAsync(http, request, step);
        else if (request.IsPoll) await PollAsync(http, request, step);
        else await WriteAsync(http, 404, ScriptStep.ErrorBody("404", "", "no such endpoint"));
    }

    private async Task<RecordedRequest> RecordAsync(HttpRequest http)
    {
        using var reader = new StreamReader(http.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var recorded = new RecordedRequest(
            http.Method,
            http.Path.Value ?? "",
            http.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            http.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body);
        lock (_gate) _requests.Add(recorded);
        return recorded;
    }

    private static async Task WriteAsync(HttpContext http, int status, string? body)
    {
        http.Response.StatusCode = status;
        if (body is null) return;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body);
    }
}
