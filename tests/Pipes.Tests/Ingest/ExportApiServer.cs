using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pipes.Tests.Ingest;

/// <summary>A scripted answer: a status (429, 503…) instead of the real one, or the real archive cut after half its bytes.</summary>
public sealed record ExportStep(int Status = 0, bool DropMidArchive = false);

/// <summary>
/// A loopback fake of Amplitude's Export API (Kestrel on 127.0.0.1:0) following the documented contract
/// (https://amplitude.com/docs/apis/analytics/export): GET /api/2/export?start=YYYYMMDDTHH&amp;end=YYYYMMDDTHH with Basic
/// auth (API key as user, secret key as password; 401 otherwise); 400 for a malformed or reversed range or one over
/// <see cref="MaxHours"/> hours; 404 when no hour of the range has data; else a ZIP of gzipped JSON-lines files named
/// <c>&lt;project_id&gt;/&lt;project_id&gt;_&lt;yyyy-MM-dd&gt;_&lt;H&gt;#&lt;n&gt;.json.gz</c>, <see cref="FilesPerHour"/> per hour.
/// </summary>
public sealed class ExportApiServer : IAsyncDisposable
{
    public const long ProjectId = 187520;
    private readonly WebApplication _app;
    private readonly string _authorization;

    private ExportApiServer(WebApplication app, string apiKey, string secretKey)
    {
        _app = app;
        _authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(apiKey + ":" + secretKey));
    }

    public Uri ExportUri { get; private set; } = null!;
    /// <summary>The JSON lines of each hour (upload hour).</summary>
    public ConcurrentDictionary<DateTime, List<string>> Hours { get; } = new();
    public int FilesPerHour { get; set; } = 2;
    public int MaxHours { get; set; } = 24 * 365;
    public ConcurrentQueue<ExportStep> Script { get; } = new();
    /// <summary>Each request as "start..end status".</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<ExportApiServer> StartAsync(string apiKey, string secretKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ExportApiServer(app, apiKey, secretKey);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.ExportUri = new Uri($"http://127.0.0.1:{new Uri(address).Port}/api/2/export");
        return server;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var (status, archive) = Answer(http.Request);
        var step = Script.TryDequeue(out var s) ? s : null;
        if (step is { Status: > 0 }) (status, archive) = (step.Status, null);
        Requests.Enqueue($"{http.Request.Query["start"]}..{http.Request.Query["end"]} {status}{(step?.DropMidArchive == true ? " dropped" : "")}");
        http.Response.StatusCode = status;
        if (archive is null)
        {
            await http.Response.WriteAsync(status switch { 400 => "Invalid date range", 401 => "Invalid credentials", 404 => "No data in range", _ => "" });
            return;
        }
        http.Response.ContentType = "application/zip";
        http.Response.ContentLength = archive.Length;
        if (step?.DropMidArchive == true)
        {
            await http.Response.Body.WriteAsync(archive.AsMemory(0, archive.Length / 2));
            await http.Response.Body.FlushAsync();
            http.Abort();
            return;
        }
        await http.Response.Body.WriteAsync(archive);
    }

    private (int, byte[]?) Answer(HttpRequest request)
    {
        if (request.Headers.Authorization.ToString() != _authorization) return (401, null);
        if (request.Path != "/api/2/export") return (404, null);
        if (!Hour(request.Query["start"], out var start) || !Hour(request.Query["end"], out var end) || end < start || (end - start).TotalHours + 1 > MaxHours)
            return (400, null);
        var hours = Hours.Where(h => h.Key >= start && h.Key <= end && h.Value.Count > 0).OrderBy(h => h.Key).ToList();
        if (hours.Count == 0) return (404, null);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (hour, lines) in hours)
            {
                var files = Math.Min(FilesPerHour, lines.Count);
                for (var n = 0; n < files; n++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"{ProjectId}/{ProjectId}_{hour:yyyy-MM-dd}_{hour.Hour}#{n}.json.gz");
                    using var entry = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                    using var gzip = new GZipStream(entry, CompressionLevel.Fastest);
                    var part = lines.Where((_, i) => i % files == n);
                    gzip.Write(Encoding.UTF8.GetBytes(string.Join("\n", part) + "\n"));
                }
            }
        }
        return (200, buffer.ToArray());
    }

    private static bool Hour(string? text, out DateTime hour) =>
        DateTime.TryParseExact(text, "yyyyMMdd'T'HH", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out hour);

    /// <summary>An event in the Export API's shape, uploaded during <paramref name="hour"/>.</summary>
    public static string Event(DateTime hour, int i, string type = "page_view") =>
        string.Create(CultureInfo.InvariantCulture,
            $$$"""{"uuid":"{{{hour:yyyyMMddHH}}}-{{{i:D8}}}","$insert_id":"ins-{{{hour:yyyyMMddHH}}}-{{{i}}}","event_type":"{{{type}}}","user_id":{{{(i % 3 == 0 ? "null" : $"\"user-{i % 50}\"")}}},"device_id":"dev-{{{i % 70}}}","amplitude_id":{{{100000 + i}}},"event_time":"{{{hour.AddMinutes(-5).AddSeconds(i % 3600):yyyy-MM-dd HH:mm:ss.ffffff}}}","server_upload_time":"{{{hour.AddSeconds(i % 3600):yyyy-MM-dd HH:mm:ss.ffffff}}}","event_properties":{"n":{{{i}}},"note":"it's \"quoted\""}}""");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
