using Pipes.Core.Diagnostics;
using Pipes.Core.Identity;
using Pipes.Core.Yaml;

namespace Pipes.Core.Load;

/// <summary>A seed's entry under <c>seeds:</c> in a definition file.</summary>
public sealed record SeedConfigSpec(
    Located<string> Name,
    string? Description,
    IReadOnlyDictionary<string, Located<string>> ColumnTypes,
    IReadOnlyList<Located<string>> Tags,
    SourceSpan Span)
{
    public IdentityDeclarations Identity { get; init; } = IdentityDeclarations.None;
}
