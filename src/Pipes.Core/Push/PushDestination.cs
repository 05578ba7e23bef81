using System.Text.RegularExpressions;
using Pipes.Core.Properties;

namespace Pipes.Core.Push;

/// <summary>
/// One Amplitude destination, as configured (the lead loads it from YAML). The API key is held only to build
/// request bodies: <see cref="ToString"/>, logs, errors and dry-run files never show it.
/// </summary>
public sealed partial record PushDestination
{
    public static readonly Uri UsBatchUri = new("https://api2.amplitude.com/batch");
    public static readonly Uri EuBatchUri = new("https://api.eu.amplitude.com/batch");

    /// <summary>Names the push relation <c>pipes_push_&lt;name&gt;</c>: lower-case letters, digits and underscores.</summary>
    public required string Name { get; init; }
    /// <summary>May be empty for a dry run, which never sends it.</summary>
    public required string ApiKey { get; init; }
    public AmplitudeRegion Region { get; init; } = AmplitudeRegion.Us;
    /// <summary>Replaces the region's Batch API URL (tests aim at a loopback server).</summary>
    public Uri? Endpoint { get; init; }
    public PushMode Mode { get; init; } = PushMode.UpdateOnly;
    public bool DryRun { get; init; }
    /// <summary>Amplitude accepts 2,000 events per Batch API request.</summary>
    public int MaxEventsPerBatch { get; init; } = 2000;
    /// <summary>Amplitude accepts 20 MB; staying at half leaves room for its own accounting.</summary>
    public int MaxBytesPerBatch { get; init; } = 10 * 1024 * 1024;
    /// <summary>Requests in flight at once.</summary>
    public int Concurrency { get; init; } = 4;
    /// <summary>Sent as <c>options.min_id_length</c>; shorter ids are skipped before sending.</summary>
    public int MinIdLength { get; init; } = 5;

    public Uri BatchUri => Endpoint ?? (Region == AmplitudeRegion.Eu ? EuBatchUri : UsBatchUri);

    /// <summary>Problems that make the destination unusable, empty when it is fine.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!NamePattern().IsMatch(Name ?? "")) problems.Add($"destination name '{Name}' must be lower-case letters, digits and underscores");
        if (!DryRun && string.IsNullOrWhiteSpace(ApiKey)) problems.Add($"destination '{Name}' has no API key");
        foreach (var (key, value) in new[] { ("max_events_per_batch", MaxEventsPerBatch), ("max_bytes_per_batch", MaxBytesPerBatch), ("concurrency", Concurrency), ("min_id_length", MinIdLength) })
        {
            var (min, max) = DestinationSpec.Limits[key];
            if (value < min || value > max) problems.Add($"destination '{Name}': {key} must be {min}..{max}");
        }
        return problems;
    }

    /// <summary>Every setting but the API key, which shows only whether it is set.</summary>
    public override string ToString() =>
        $"PushDestination {{ Name = {Name}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(not set)" : "***")}, Region = {Region}, " +
        $"Endpoint = {Endpoint}, Mode = {Mode}, DryRun = {DryRun}, MaxEventsPerBatch = {MaxEventsPerBatch}, " +
        $"MaxBytesPerBatch = {MaxBytesPerBatch}, Concurrency = {Concurrency}, MinIdLength = {MinIdLength} }}";

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex NamePattern();
}

/// <summary>Amplitude's data residency, which picks the ingestion host.</summary>
public enum AmplitudeRegion
{
    Us,
    Eu,
}

/// <summary>How a destination treats Amplitude identities it has not seen before.</summary>
public enum PushMode
{
    /// <summary>Only user-property updates (<c>$identify</c>); Amplitude counts a user only from its next real event.</summary>
    UpdateOnly,

    /// <summary>Reserved for creating users; today it sends the same <c>$identify</c> events as <see cref="UpdateOnly"/>.</summary>
    Create,
}
