using Pipes.Core.Diagnostics;
using Pipes.Core.Yaml;

namespace Pipes.Core.Load;

/// <summary>
/// A source's <c>amplitude_export:</c> block: events pulled from Amplitude's Export API into <see cref="Table"/> (in the
/// source's schema) by <c>pipes ingest amplitude</c>. The keys stay templates until the ingest renders them, so they can
/// never reach compiled SQL, the manifest or logs.
/// </summary>
public sealed record AmplitudeExportSpec(
    Located<string> ApiKey,
    Located<string> SecretKey,
    Located<string> Region,
    Located<string> Table,
    Located<string>? Endpoint,
    SourceSpan Span);
