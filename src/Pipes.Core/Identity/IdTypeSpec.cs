using Pipes.Core.Diagnostics;
using Pipes.Core.Yaml;

namespace Pipes.Core.Identity;

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
