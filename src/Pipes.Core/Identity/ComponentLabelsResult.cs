namespace Pipes.Core.Identity;

/// <summary>
/// Connected components: <see cref="Labels"/>[x] is the smallest node of x's component; <see cref="Rounds"/>
/// counts every round run, including the last one, which changed nothing and proved convergence.
/// </summary>
public sealed record ComponentLabelsResult(int[] Labels, int Rounds);
