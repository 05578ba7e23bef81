namespace Pipes.Core.Load;

/// <summary>What the command line adds to the files: where profiles are, which output, variable overrides.</summary>
public sealed record LoadOptions
{
    public string? ProfilesDirectory { get; init; }
    public string? Target { get; init; }
    /// <summary>YAML mapping text from <c>--vars</c>.</summary>
    public string? Vars { get; init; }
    /// <summary>Environment lookup; injectable so tests do not touch the process environment.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
    /// <summary>The user's home, for <c>~/.pipes/profiles.yml</c>.</summary>
    public string? HomeDirectory { get; init; } = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
    /// <summary>When set, each step of the load records its wall time here (the compile bench prints them).</summary>
    public LoadTimings? Timings { get; init; }
}
