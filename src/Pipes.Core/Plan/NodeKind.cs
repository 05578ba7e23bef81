namespace Pipes.Core.Plan;

public enum NodeKind
{
    Source,
    Seed,
    Model,

    /// <summary>The identity resolution of the project: reads every node that declares identifiers.</summary>
    Identity,

    /// <summary>A property model: typed columns of one relation, one row per resolved profile.</summary>
    Property,

    /// <summary>The push relation of one destination: what the pusher reads.</summary>
    Push,

    /// <summary>A data test: a query whose rows are failures.</summary>
    Test,
}
