using Pipes.Core.Push;

namespace Pipes.Core.Ingest;

/// <summary>
/// A rendered <c>amplitude_export:</c> block: the keys in clear, so <see cref="ToString"/> masks them (a record would
/// print them in any log line that formats it).
/// </summary>
public sealed record ExportSettings
{
    public required string Source { get; init; }
    public required string ApiKey { get; init; }
    public required string SecretKey { get; init; }
    public AmplitudeRegion Region { get; init; } = AmplitudeRegion.Us;
    public string? Database { get; init; }
    public required string Schema { get; init; }
    public required string Table { get; init; }
    public Uri? Endpoint { get; init; }

    /// <summary>The documented hosts: amplitude.com, analytics.eu.amplitude.com for EU residency.</summary>
    public Uri ExportUri => Endpoint ?? new Uri(Region == AmplitudeRegion.Eu
        ? "https://analytics.eu.amplitude.com/api/2/export"
        : "https://amplitude.com/api/2/export");

    public override string ToString() =>
        $"ExportSettings {{ Source = {Source}, ApiKey = ***, SecretKey = ***, Region = {Region}, Table = {Schema}.{Table}, ExportUri = {ExportUri} }}";
}
