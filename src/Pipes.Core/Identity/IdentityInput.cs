using Pipes.Core.Diagnostics;

namespace Pipes.Core.Identity;

/// <summary>
/// A relation that declares identifiers: a source table (<see cref="Name"/> the source, <see cref="Table"/> the table),
/// a seed or a model (<see cref="Table"/> null).
/// </summary>
public sealed record IdentityInput(IdentityInputKind Kind, string Name, string? Table, IdentityDeclarations Declarations)
{
    /// <summary>A stable label for audit rows: <c>seed.name</c>, <c>model.name</c>, <c>source.src.table</c>.</summary>
    public string Label => Table is null ? $"{Kind.ToString().ToLowerInvariant()}.{Name}" : $"source.{Name}.{Table}";
}

/// <summary>What kind of relation declares identifiers.</summary>
public enum IdentityInputKind
{
    Source,
    Seed,
    Model,
}

/// <summary>The validated identity rules of a project and every relation that feeds them, in ordinal label order.</summary>
public sealed record IdentityProject(IdentityRules Rules, IReadOnlyList<IdentityInput> Inputs, SourceSpan Span);
