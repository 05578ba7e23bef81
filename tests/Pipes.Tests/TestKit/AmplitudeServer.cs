using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pipes.Tests.TestKit;

/// <summary>
/// A loopback fake of Amplitude's Batch API (Kestrel on 127.0.0.1:0) following the documented answers: 400 for an
/// invalid API key (echoing it, as Amplitude does), too many events, or events with missing/invalid fields (by index);
/// 413 past the byte limit; scripted 429/5xx/slow/dropped replies. Accepted events are deduplicated by insert_id.
/// </summary>
public sealed partial class AmplitudeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<AmplitudeRequest> _requests = new();
    private long _ingested;

    private AmplitudeServer(WebApplication app, string apiKey)
    {
        _app = app;
        ApiKey = apiKey;
    }

    public string ApiKey { get; }
    public int Port { get; private set; }
    public Uri BatchUri => new($"http://127.0.0.1:{Port}/batch");

    public int MaxEvents { get; set; } = 2000;
    public int MaxBytes { get; set; } = 20_000_000;
    /// <summary>Keep every accepted event (tests); off in the benchmark, which only counts.</summary>
    public bool TrackEvents { get; set; } = true;
    /// <summary>Stamps each request (tests share a FakeTimeProvider with the pusher).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public ConcurrentQueue<AmplitudeStep> Script { get; } = new();

    /// <summary>Accepted events by insert_id; a resent insert_id is ignored, like Amplitude's 7-day dedup.</summary>
    public ConcurrentDictionary<string, JsonObject> Events { get; } = new();

    private readonly Lock _profilesGate = new();
    private readonly ConcurrentDictionary<string, JsonObject> _profiles = new();

    /// <summary>
    /// The user properties Amplitude holds now, per user id (or device id without one), after applying every ingested
    /// <c>$identify</c> once; users left with no property are omitted. What a user of Amplitude would see.
    /// </summary>
    public SortedDictionary<string, string> Profiles()
    {
        lock (_profilesGate)
        {
            return new(_profiles.Where(p => p.Value.Count > 0)
                .ToDictionary(p => p.Key, p => new JsonObject(p.Value.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                    .Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone()))).ToJsonString()), StringComparer.Ordinal);
        }
    }

    /// <summary>Events ingested, duplicates included.</summary>
    public long Ingested => Interlocked.Read(ref _ingested);

    public IReadOnlyList<AmplitudeRequest> Requests => _requests.ToList();

    public static async Task<AmplitudeServer> StartAsync(string apiKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        var app = builder.Build();
        var server = new AmplitudeServer(app, apiKey);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = new Uri(address).Port;
        return server;
    }

    /// <summary>The accepted event of an Amplitude user or device id.</summary>
    public JsonObject EventFor(string id) =>
        Events.Values.Single(e => (string?)e["user_id"] == id || ((string?)e["user_id"] is null && (string?)e["device_id"] == id));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        var bytes = buffer.Length;
        var step = Script.TryDequeue(out var s) ? s : null;
        if (step is { Delay: var delay } && delay > TimeSpan.Zero) await Task.Delay(delay);
        if (step is { Abort: true })
        {
            Record(null, 0, bytes, 0);
            http.Abort();
            return;
        }
        var (status, body, events) = step is { Status: > 0 } scripted
            ? Scripted(scripted, buffer)
            : Handle(buffer, bytes);
        Record(step, status, bytes, events?.Count ?? 0, TrackEvents ? events : null);
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body ?? "");
    }

    private (int, string?, JsonArray?) Scripted(AmplitudeStep step, MemoryStream buffer)
    {
        var events = Parse(buffer)?["events"] as JsonArray ?? [];
        if (step.IngestFirst) Ingest(events);
        return (step.Status, step.Body?.Invoke(events), events);
    }

    private void Record(AmplitudeStep? step, int status, long bytes, int events, JsonArray? payload = null) =>
        _requests.Enqueue(new AmplitudeRequest(Clock.GetUtcNow(), status, events, bytes, step?.Status > 0, payload?.DeepClone().AsArray()));

    private static JsonObject? Parse(MemoryStream buffer)
    {
        try
        {
            return JsonNode.Parse(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
