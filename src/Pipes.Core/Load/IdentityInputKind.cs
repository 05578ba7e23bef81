namespace Pipes.Core.Load;

/// <summary>What kind of relation declares identifiers.</summary>
public enum IdentityInputKind
{
    Source,
    Seed,
    Model,
}
