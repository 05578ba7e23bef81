using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Pipes.Core.Run;

namespace Pipes.Core.Targets.Snowflake;

/// <summary>
/// Speaks Snowflake's SQL API v2: submits one statement per request, polls while it runs, pages result partitions,
/// cancels on request and retries transient failures without ever running a statement twice.
/// One <see cref="HttpClient"/> and two Polly pipelines per client, built once.
/// </summary>
public sealed partial class SqlApiClient : IDisposable
{
    private static readonly string UserAgent = "pipes/" + PipesVersion();

    private readonly SnowflakeSettings _settings;
    private readonly SnowflakeTokenSource _tokens;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _transient;
    private readonly ResiliencePipeline<HttpResponseMessage> _poll;

    /// <param name="handler">Transport; a new <see cref="SocketsHttpHandler"/> when null (tests pass loopback handlers).</param>
    /// <param name="randomizer">Jitter source in [0,1) for Polly; null for Polly's own.</param>
    /// <exception cref="TargetException">Settings are incomplete or the private key cannot be loaded.</exception>
    public SqlApiClient(
        SnowflakeSettings settings,
        TimeProvider time,
        HttpMessageHandler? handler = null,
        Func<double>? randomizer = null,
        SqlApiRetryOptions? retry = null)
    {
        Validate(settings);
        retry ??= SqlApiRetryOptions.Default;
        _settings = settings;
        _tokens = SnowflakeTokenSource.Create(settings, time);
        _http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: handler is null)
        {
            BaseAddress = SnowflakeAccount.BaseUri(settings),
            Timeout = retry.HttpTimeout,
        };
        _transient = BuildPipeline(time, randomizer, new RetryStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context.CancellationToken)),
            MaxRetryAttempts = retry.MaxRetryAttempts,
            Delay = retry.RetryBaseDelay,
            MaxDelay = retry.RetryMaxDelay,
            OnRetry = args =>
            {
                RunLog.Retry("snowflake sql api", args.AttemptNumber + 1, args.Outcome.Result?.StatusCode, args.Outcome.Exception, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        });
        _poll = BuildPipeline(time, randomizer, new RetryStrategyOptions<HttpResponseMessage>
        {
            // Polling ends when Snowflake stops answering 202; the statement timeout bounds it server-side.
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode == HttpStatusCode.Accepted),
            MaxRetryAttempts = int.MaxValue,
            Delay = retry.PollBaseDelay,
            MaxDelay = retry.PollMaxDelay,
        });
    }

    /// <summary>The one place that decides what is worth retrying: network faults, HTTP timeouts, 429 and 5xx gateway errors.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) => outcome switch
    {
        { Exception: HttpRequestException e } => e.HttpRequestError != HttpRequestError.NameResolutionError,
        { Exception: OperationCanceledException } => !cancellationToken.IsCancellationRequested, // HttpClient.Timeout
        { Exception: IOException } => true,
        { Result: { } r } => (int)r.StatusCode is 429 or 500 or 502 or 503 or 504,
        _ => false,
    };

    public void Dispose()
    {
        _http.Dispose();
        _tokens.Dispose();
    }

    private static ResiliencePipeline<HttpResponseMessage> BuildPipeline(
        TimeProvider time, Func<double>? randomizer, RetryStrategyOptions<HttpResponseMessage> options)
    {
        options.BackoffType = DelayBackoffType.Exponential;
        options.UseJitter = true;
        if (randomizer is not null) options.Randomizer = randomizer;
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }.AddRetry(options).Build();
    }

    /// <summary>
    /// Sends through the transient pipeline. <paramref name="build"/> gets <c>true</c> for every resend, so a
    /// submit can add <c>retry=true</c>. A 401 on a key-pair token re-mints it and tries once more.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(Func<bool, HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        var attempts = 0;
        for (var refreshed = false; ; refreshed = true)
        {
            HttpResponseMessage response;
            try
            {
                response = await _transient.ExecuteAsync(async ct =>
                {
                    using var request = build(attempts++ > 0);
                    Authorize(request);
                    return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw NetworkFailure(e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TargetException(
                    $"Snowflake at {_http.BaseAddress} did not answer within {_http.Timeout.TotalSeconds:0} s.",
                    code: SnowflakeClientCodes.Network, inner: e);
            }
            if (response.StatusCode != HttpStatusCode.Unauthorized || refreshed || !_tokens.CanRefresh) return response;
            response.Dispose();
            _tokens.Invalidate();
        }
    }

    private void Authorize(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.GetToken());
        request.Headers.TryAddWithoutValidation("X-Snowflake-Authorization-Token-Type", _tokens.TokenType);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        // Result partitions come gzip-compressed; we decompress ourselves so injected handlers behave the same.
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
    }

    private TargetException NetworkFailure(HttpRequestException e) => e.HttpRequestError == HttpRequestError.NameResolutionError
        ? new TargetException(
            $"The host {_http.BaseAddress!.Host} does not resolve; check the account identifier ('{_settings.Account}').",
            code: SnowflakeClientCodes.UnknownHost, inner: e)
        : new TargetException(
            $"Could not reach Snowflake at {_http.BaseAddress}: {e.Message}", code: SnowflakeClientCodes.Network, inner: e);

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentEncoding.Contains("gzip", StringComparer.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new TargetException(
                    $"Snowflake answered HTTP {(int)response.StatusCode} with a body that is not JSON.",
                    code: SnowflakeClientCodes.Protocol, inner: e);
            }
        }
    }

    private static void Validate(SnowflakeSettings settings)
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(settings.Account)) missing.Add("account");
        if (string.IsNullOrWhiteSpace(settings.User)) missing.Add("user");
        if (missing.Count > 0)
        {
            throw new TargetException($"The Snowflake output needs {string.Join(" and ", missing)}.", code: SnowflakeClientCodes.SettingsInvalid);
        }
    }

    private static string PipesVersion()
    {
        var version = typeof(SqlApiClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(SqlApiClient).Assembly.GetName().Version?.ToString() ?? "0.0.0";
        var plus = version.IndexOf('+');
        return plus >= 0 ? version[..plus] : version;
    }
}
