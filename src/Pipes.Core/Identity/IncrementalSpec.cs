using Pipes.Core.Diagnostics;
using Pipes.Core.Yaml;

namespace Pipes.Core.Identity;

/// <summary>
/// How an identity input's new rows are found (<c>incremental:</c> of a table, seed or model entry): rows whose
/// <see cref="Iterator"/> is past the recorded watermark minus <see cref="Lookback"/> are read. A timestamp iterator's
/// lookback is in seconds, a number iterator's in its own units. <see cref="Iterator"/> null: the input's
/// <c>observed_at</c>; no <c>observed_at</c> either: every row is read and deduplicated.
/// </summary>
public sealed record IncrementalSpec(Located<string>? Iterator, bool NumericIterator, long Lookback, SourceSpan Span)
{
    /// <summary>The lookback when none is given: three days, for late rows of a timestamp iterator.</summary>
    public const long DefaultLookbackSeconds = 3 * 24 * 3600;
}
