namespace Pipes.Core.Plan;

public enum NodeKind
{
    Source,
    Seed,
    Model,

    /// <summary>The identity resolution of the project: reads every node that declares identifiers.</summary>
    Identity,
}
