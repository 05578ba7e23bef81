namespace Pipes.Core.Plan;

public enum NodeKind
{
    Source,
    Seed,
    Model,
}
