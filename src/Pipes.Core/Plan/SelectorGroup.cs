namespace Pipes.Core.Plan;

/// <summary>Terms joined by commas: a node is selected when every term selects it (dbt's intersection).</summary>
public sealed record SelectorGroup(string Text, IReadOnlyList<Selector> Terms);
