namespace Pipes.Core.Tasks;

/// <summary>The options every command shares (dbt's shared option objects).</summary>
public sealed record CommandOptions
{
    public string ProjectDirectory { get; init; } = ".";
    public string? ProfilesDirectory { get; init; }
    public string? Target { get; init; }
    public string? Vars { get; init; }
    public IReadOnlyList<string> Select { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> Exclude { get; init; } = Array.Empty<string>();
    public bool FullRefresh { get; init; }
    public bool FailFast { get; init; }
    /// <summary>When set, only these node and destination ids run (pipes retry: what failed or was skipped last time).</summary>
    public IReadOnlySet<string>? OnlyNodes { get; init; }

    /// <summary>A folder holding a previous run's manifest.json, for <c>state:</c> selectors and <c>--defer</c>.</summary>
    public string? State { get; init; }

    /// <summary>Refs to unselected models and seeds read the state's relations instead of this target's.</summary>
    public bool Defer { get; init; }

    /// <summary>How many nodes may run at once; null: the profile output's <c>threads:</c>, else 1.</summary>
    public int? Threads { get; init; }

    /// <summary>Plain text without colours (also when NO_COLOR is set or the output is not a terminal).</summary>
    public bool NoColor { get; init; }
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    public Load.LoadOptions ToLoadOptions() => new()
    {
        ProfilesDirectory = ProfilesDirectory,
        Target = Target,
        Vars = Vars,
        Environment = Environment,
    };
}
