using Pipes.Core.Diagnostics;
using Pipes.Core.Yaml;

namespace Pipes.Core.Load;

/// <summary><c>pipes_project.yml</c>.</summary>
public sealed record ProjectSpec(
    Located<string> Name,
    string? Version,
    Located<string>? Profile,
    IReadOnlyList<Located<string>> ModelPaths,
    IReadOnlyList<Located<string>> SeedPaths,
    string TargetPath,
    IReadOnlyDictionary<string, object?> Vars,
    SourceSpan Span)
{
    /// <summary><c>outputs:</c>: change tracking of published output tables.</summary>
    public OutputsSpec Outputs { get; init; } = OutputsSpec.Default;

    /// <summary><c>deploy:</c>: the schedule of <c>pipes deploy</c>'s Snowflake task; null when absent.</summary>
    public DeploySpec? Deploy { get; init; }

    /// <summary><c>clean-targets:</c>: folders <c>pipes clean</c> deletes; empty means the target path (dbt's default).</summary>
    public IReadOnlyList<Located<string>> CleanTargets { get; init; } = [];
}
