using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Pipes.Core.Push;
using Polly;
using Polly.Retry;

namespace Pipes.Core.Ingest;

/// <summary>What the Export API answered for one hour: an archive saved to <see cref="ArchivePath"/>, or no data (404).</summary>
public sealed record ExportDownload(DateTime Hour, string? ArchivePath, long Bytes, int Requests)
{
    public bool NoData => ArchivePath is null;
}

/// <summary>
/// Downloads one hour from Amplitude's Export API (GET ?start=H&amp;end=H, Basic auth with the API key and secret key).
/// The body streams to a file (the ZIP directory sits at its end, so it cannot be read as it arrives). Retries like
/// the push (<see cref="AmplitudeClient"/>): network faults, timeouts and 500/502/503/504 with exponential backoff and
/// jitter, 429 after <see cref="AmplitudeRetryOptions.ThrottleDelay"/>; a connection dropped mid-body is a network
/// fault and the whole hour is fetched again. The secret key lives only in the Authorization header.
/// </summary>
public sealed class ExportApiClient : IDisposable
{
    private readonly ExportSettings _settings;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpStatusAnswer> _pipeline;
    private readonly AuthenticationHeaderValue _authorization;

    public ExportApiClient(ExportSettings settings, TimeProvider time, HttpMessageHandler? handler = null,
        Func<double>? randomizer = null, AmplitudeRetryOptions? retry = null)
    {
        retry ??= AmplitudeRetryOptions.Default;
        _settings = settings;
        _http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: handler is null) { Timeout = retry.HttpTimeout };
        _authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(settings.ApiKey + ":" + settings.SecretKey)));
        var options = new RetryStrategyOptions<HttpStatusAnswer>
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Result: { } r } => r.Status is 429 or 500 or 502 or 503 or 504,
                { Exception: OperationCanceledException } => !args.Context.CancellationToken.IsCancellationRequested,
                { Exception: HttpRequestException or IOException } => true,
                _ => false,
            }),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Outcome.Result?.Status == 429 ? retry.ThrottleDelay : null),
            MaxRetryAttempts = retry.MaxRetryAttempts,
            Delay = retry.RetryBaseDelay,
            MaxDelay = retry.RetryMaxDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        };
        if (randomizer is not null) options.Randomizer = randomizer;
        var builder = new ResiliencePipelineBuilder<HttpStatusAnswer> { TimeProvider = time };
        if (retry.MaxRetryAttempts > 0) builder.AddRetry(options); // Polly refuses 0 attempts; 0 means no retry
        _pipeline = builder.Build();
    }

    /// <summary>Fetches <paramref name="hour"/> into <paramref name="archivePath"/> (overwritten).</summary>
    /// <exception cref="IngestException">A refused range (400), refused keys (401/403), or retries exhausted.</exception>
    public async Task<ExportDownload> DownloadAsync(DateTime hour, string archivePath, CancellationToken cancellationToken)
    {
        var text = ExportHour.Text(hour);
        var uri = new Uri($"{_settings.ExportUri}?start={text}&end={text}");
        var requests = 0;
        HttpStatusAnswer answer;
        try
        {
            answer = await _pipeline.ExecuteAsync(async ct =>
            {
                requests++;
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.Authorization = _authorization;
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status != 200) return new HttpStatusAnswer(status, 0, Trim(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)));
                await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
                await using var file = new FileStream(archivePath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await body.CopyToAsync(file, ct).ConfigureAwait(false);
                // A body shorter than announced is a dropped connection, whatever the transport said.
                if (response.Content.Headers.ContentLength is { } length && file.Length != length)
                    throw new IOException(string.Create(CultureInfo.InvariantCulture, $"archive cut at {file.Length:N0} of {length:N0} bytes"));
                return new HttpStatusAnswer(200, file.Length, "");
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new IngestException($"hour {text}: no complete answer from {_settings.ExportUri} after {requests} requests ({e.Message})", e);
        }
        return answer.Status switch
        {
            200 => new ExportDownload(hour, archivePath, answer.Bytes, requests),
            404 => new ExportDownload(hour, null, 0, requests),
            400 => throw new IngestException($"hour {text}: the Export API refused the range (400: {answer.Body}); the documented causes are a malformed range and an export over 4 GB (use Amplitude's S3 export for such an hour)"),
            401 or 403 => throw new IngestException($"hour {text}: the Export API refused the keys of source '{_settings.Source}' ({answer.Status}); check the API key and secret key of the project"),
            429 => throw new IngestException($"hour {text}: still throttled (429) after {requests} requests; run again later"),
            _ => throw new IngestException($"hour {text}: the Export API answered {answer.Status} after {requests} requests ({answer.Body})"),
        };
    }

    private static string Trim(string body) => body.Length <= 300 ? body.Trim() : body[..300].Trim() + "…";

    public void Dispose() => _http.Dispose();

    /// <summary>Status, archive size and a short error body; never the response headers or the request.</summary>
    private sealed record HttpStatusAnswer(int Status, long Bytes, string Body);
}
