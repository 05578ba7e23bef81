namespace Pipes.Core.Plan;

/// <summary>The whole graph and the selected executable nodes in run order.</summary>
public sealed record ExecutionPlan(Dag Graph, IReadOnlyList<Node> Order, IReadOnlyList<Node> Selected);
