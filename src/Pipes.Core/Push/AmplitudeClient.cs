using System.Net.Http.Headers;
using Polly;
using Polly.Retry;

namespace Pipes.Core.Push;

/// <summary>
/// Posts batches to Amplitude's Batch API and parses every documented answer. 5xx and network failures are retried
/// here (Polly, exponential with jitter, capped); what still fails comes back as <see cref="AmplitudeResponseKind.Failed"/>.
/// One <see cref="HttpClient"/> and one pipeline per client.
/// </summary>
public sealed class AmplitudeClient : IDisposable
{
    private readonly PushDestination _destination;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private long _requests;

    /// <param name="handler">Transport; a new <see cref="SocketsHttpHandler"/> when null (tests pass their own).</param>
    /// <param name="randomizer">Jitter source in [0,1) for Polly; null for Polly's own.</param>
    public AmplitudeClient(PushDestination destination, TimeProvider time, HttpMessageHandler? handler = null,
        Func<double>? randomizer = null, AmplitudeRetryOptions? retry = null)
    {
        retry ??= AmplitudeRetryOptions.Default;
        _destination = destination;
        _http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: handler is null) { Timeout = retry.HttpTimeout };
        var options = new RetryStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context.CancellationToken)),
            MaxRetryAttempts = retry.MaxRetryAttempts,
            Delay = retry.RetryBaseDelay,
            MaxDelay = retry.RetryMaxDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            OnRetry = args =>
            {
                Run.RunLog.Retry("amplitude", args.AttemptNumber + 1, args.Outcome.Result?.StatusCode, args.Outcome.Exception, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        };
        if (randomizer is not null) options.Randomizer = randomizer;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }.AddRetry(options).Build();
    }

    /// <summary>HTTP requests made, retries included.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>
    /// Transient: network faults, HTTP timeouts and 500/502/503/504. 500/502/504 may have been ingested already;
    /// resending is harmless because insert_id deduplicates.
    /// </summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Exception: OperationCanceledException } => !cancellationToken.IsCancellationRequested,
        { Exception: IOException } => true,
        { Result: { } r } => (int)r.StatusCode is 500 or 502 or 503 or 504,
        _ => false,
    };

    public async Task<AmplitudeResponse> SendAsync(IReadOnlyList<PushEvent> events, CancellationToken cancellationToken)
    {
        var body = AmplitudeRequestBody.Build(_destination.ApiKey, events, _destination.MinIdLength);
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(async ct =>
            {
                Interlocked.Increment(ref _requests);
                using var request = new HttpRequestMessage(HttpMethod.Post, _destination.BatchUri)
                {
                    Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                };
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
                return await _http.SendAsync(request, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            return AmplitudeResponse.Failure(0, $"network error ({e.HttpRequestError})");
        }
        catch (IOException)
        {
            return AmplitudeResponse.Failure(0, "network error (connection lost)");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AmplitudeResponse.Failure(0, $"no answer within {_http.Timeout.TotalSeconds:0} s");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return AmplitudeResponse.Parse((int)response.StatusCode, text, _destination.ApiKey);
        }
    }

    public void Dispose() => _http.Dispose();
}
