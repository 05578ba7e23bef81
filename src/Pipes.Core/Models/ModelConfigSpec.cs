using Pipes.Core.Diagnostics;
using Pipes.Core.Identity;
using Pipes.Core.Yaml;

namespace Pipes.Core.Models;

/// <summary>A model's entry under <c>models:</c> in a definition file.</summary>
public sealed record ModelConfigSpec(
    Located<string> Name,
    string? Description,
    Located<string>? Materialized,
    IReadOnlyList<Located<string>> UniqueKey,
    IReadOnlyList<Located<string>> Tags,
    IReadOnlyList<ColumnSpec> Columns,
    SourceSpan Span)
{
    public IdentityDeclarations Identity { get; init; } = IdentityDeclarations.None;
}
