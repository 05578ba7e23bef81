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
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    public Load.LoadOptions ToLoadOptions() => new()
    {
        ProfilesDirectory = ProfilesDirectory,
        Target = Target,
        Vars = Vars,
        Environment = Environment,
    };
}
