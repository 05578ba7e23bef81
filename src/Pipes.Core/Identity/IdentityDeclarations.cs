using Pipes.Core.Yaml;

namespace Pipes.Core.Identity;

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
