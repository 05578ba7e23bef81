namespace Pipes.Core.Compile;

/// <summary>
/// Drops a model's relation when it exists as the other kind (a view where a table is built, a table where a view
/// is): engines refuse <c>CREATE OR REPLACE</c> and <c>DROP ... IF EXISTS</c> across kinds, so a model whose
/// materialization changed would fail. The runner runs <see cref="Probe"/> before the node's statements and
/// <see cref="Drop"/> only when the probe returns a row.
/// </summary>
public sealed record KindGuard(string Probe, string Drop)
{
    /// <summary>The guard as it stands in the compiled file: the probe, whose comment names the drop.</summary>
    public string Describe() => Probe;
}
