namespace Pipes.Core.Identity;

/// <summary>What kind of relation declares identifiers.</summary>
public enum IdentityInputKind
{
    Source,
    Seed,
    Model,
}
