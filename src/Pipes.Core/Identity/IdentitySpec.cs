using Pipes.Core.Diagnostics;
using Pipes.Core.Yaml;

namespace Pipes.Core.Identity;

/// <summary>The top-level <c>identity:</c> block of a definition file.</summary>
public sealed record IdentitySpec(IReadOnlyList<IdTypeSpec> Types, IReadOnlyList<ExclusionSpec> Exclude, SourceSpan Span)
{
    public Located<int>? AmplitudeMinIdLength { get; init; }
}
