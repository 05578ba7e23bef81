namespace Pipes.Core.Load;

/// <summary>
/// An entry of <c>destinations:</c>. The API key stays a template until the push itself renders it, so it can never
/// reach compiled SQL, the manifest or logs.
/// </summary>
public sealed record DestinationSpec(
    Located<string> Name,
    Located<string> Type,
    Located<string>? ApiKey,
    Located<string> Region,
    Located<string>? Endpoint,
    IReadOnlyList<Located<string>> Properties,
    Located<string> Mode,
    bool DryRun);
