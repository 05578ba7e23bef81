using Pipes.Core.Diagnostics;
using Pipes.Core.Yaml;

namespace Pipes.Core.Load;

/// <summary>A group of existing warehouse tables (<c>sources:</c>).</summary>
public sealed record SourceSpec(
    Located<string> Name,
    string? Description,
    string? Database,
    string Schema,
    IReadOnlyList<SourceTableSpec> Tables,
    SourceSpan Span)
{
    /// <summary>The Export API ingest that fills a table of this source (<c>pipes ingest amplitude</c>); null without one.</summary>
    public AmplitudeExportSpec? AmplitudeExport { get; init; }
}
