using Pipes.Core.Diagnostics;
using Pipes.Core.Yaml;

namespace Pipes.Core.Identity;

/// <summary>The top-level <c>identity:</c> block of a definition file.</summary>
public sealed record IdentitySpec(IReadOnlyList<IdTypeSpec> Types, IReadOnlyList<ExclusionSpec> Exclude, SourceSpan Span)
{
    public Located<int>? AmplitudeMinIdLength { get; init; }
}

/// <summary>One entry of <c>identity: id_types:</c>, as written, positions kept for validation.</summary>
public sealed record IdTypeSpec(Located<string> Name, SourceSpan Span)
{
    public Located<int>? Priority { get; init; }

    public Located<int>? Limit { get; init; }

    /// <summary>Normaliser names in order; <c>regex_extract</c> carries its pattern.</summary>
    public IReadOnlyList<(Located<string> Kind, Located<string>? Pattern)> Normalize { get; init; } = [];

    /// <summary>Whether <c>normalize:</c> was written (<c>normalize: []</c> turns a known type's default normalisers off).</summary>
    public bool NormalizeWritten { get; init; }

    public Located<int>? MinLength { get; init; }

    public Located<int>? MaxLength { get; init; }

    public Located<string>? Pattern { get; init; }

    public IReadOnlyList<ExclusionSpec> Exclude { get; init; } = [];

    public IReadOnlyList<(Located<string> OtherType, Located<int> Max)> MaxLinks { get; init; } = [];
}

/// <summary>An <c>exclude:</c> item: an exact value, or <c>{regex: ...}</c> matching the whole value.</summary>
public sealed record ExclusionSpec(Located<string> Value, bool IsRegex);

/// <summary>
/// One <c>identifiers:</c> entry of a source table, seed or model: a plain column, a path inside a JSON/VARIANT
/// column (<see cref="Path"/>), or each element of an array column (<see cref="Each"/>), holding ids of <see cref="Type"/>.
/// </summary>
public sealed record IdentifierSpec(Located<string> Column, Located<string>? Path, bool Each, Located<string> Type, SourceSpan Span);

/// <summary>What a source table, seed or model entry says about identity: its identifier columns and its <c>observed_at</c> column.</summary>
public sealed record IdentityDeclarations(IReadOnlyList<IdentifierSpec> Identifiers, Located<string>? ObservedAt)
{
    public static IdentityDeclarations None { get; } = new([], null);

    public bool IsEmpty => Identifiers.Count == 0;

    /// <summary><c>in_amplitude: true</c>: the ids of this relation exist in Amplitude (e.g. its event export).</summary>
    public bool InAmplitude { get; init; }

    /// <summary><c>incremental:</c>, how new rows are found; null: the defaults of <see cref="IncrementalSpec"/>.</summary>
    public IncrementalSpec? Incremental { get; init; }
}

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
