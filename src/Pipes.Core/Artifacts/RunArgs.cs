namespace Pipes.Core.Artifacts;

/// <summary>
/// The arguments of the command that wrote <c>run_results.json</c> (dbt's <c>args</c>), so <c>pipes retry</c> reruns
/// it the same way: the selection, the resolved target, the <c>--vars</c> text and the flags.
/// </summary>
public sealed record RunArgs(
    IReadOnlyList<string> Select,
    IReadOnlyList<string> Exclude,
    string Target,
    string? Vars,
    bool FullRefresh,
    bool FailFast);
