using Pipes.Core.Identity;
using Pipes.Core.Models;
using Pipes.Core.Yaml;

namespace Pipes.Core.Load;

public sealed record SourceTableSpec(
    Located<string> Name,
    string Identifier,
    string? Description,
    IReadOnlyList<ColumnSpec> Columns)
{
    public IdentityDeclarations Identity { get; init; } = IdentityDeclarations.None;
}
