namespace Pipes.Core.Artifacts;

/// <summary>
/// The arguments of the command that wrote <c>run_results.json</c> (dbt's <c>args</c>), so <c>pipes retry</c> reruns
/// it the same way: the selection, the resolved target, the <c>--vars</c> text and the flags. A push records its own
/// flags (<see cref="Push"/>) instead of the selection.
/// </summary>
public sealed record RunArgs(
    IReadOnlyList<string> Select,
    IReadOnlyList<string> Exclude,
    string Target,
    string? Vars,
    bool FullRefresh,
    bool FailFast)
{
    /// <summary><c>pipes push</c>'s flags: <c>--destination</c> (null for all), <c>--dry-run</c>, <c>--full-resync</c>.</summary>
    public sealed record PushFlags(string? Destination, bool DryRun, bool FullResync);

    /// <summary>Set for <c>pipes push</c> only.</summary>
    public PushFlags? Push { get; init; }

    /// <summary>The args of a push: no selection, only the push's flags.</summary>
    public static RunArgs OfPush(string target, string? vars, PushFlags flags) => new([], [], target, vars, false, false) { Push = flags };
}
