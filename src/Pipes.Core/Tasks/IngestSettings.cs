using Pipes.Core.Push;

namespace Pipes.Core.Tasks;

/// <summary>The switches of <c>pipes ingest amplitude</c>, plus what tests inject (clock, transport, retry delays).</summary>
public sealed record IngestSettings
{
    /// <summary><c>--start</c> (YYYYMMDDTHH); null for the hour after the watermark.</summary>
    public string? Start { get; init; }
    /// <summary><c>--end</c> (YYYYMMDDTHH, included); null for the last hour the Export API serves (see <see cref="AvailabilityDelay"/>).</summary>
    public string? End { get; init; }
    /// <summary><c>--source</c>; null when the project has exactly one source with <c>amplitude_export:</c>.</summary>
    public string? Source { get; init; }

    /// <summary>Data sent during hour H is exportable from H+3h (Amplitude: 8-9 PM is available at 11 PM).</summary>
    public TimeSpan AvailabilityDelay { get; init; } = TimeSpan.FromHours(3);
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public HttpMessageHandler? Handler { get; init; }
    public AmplitudeRetryOptions Retry { get; init; } = AmplitudeRetryOptions.Default;
}
