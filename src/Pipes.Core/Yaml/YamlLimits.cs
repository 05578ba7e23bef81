namespace Pipes.Core.Yaml;

/// <summary>
/// Bounds on what one project file may hold, far above any real project, so that a hostile or broken file is a clear
/// error at its line instead of a crash (alias bombs, deep nesting) or a stalled load. docs/commands.md lists them.
/// </summary>
public static class YamlLimits
{
    /// <summary>Largest YAML or SQL file read, in bytes (16 MiB).</summary>
    public const long MaxFileBytes = 16L * 1024 * 1024;

    /// <summary>Deepest nesting of mappings and sequences in one YAML file.</summary>
    public const int MaxDepth = 100;

    /// <summary>Most nodes that aliases (<c>*name</c>) may add to one YAML file when expanded.</summary>
    public const long MaxAliasNodes = 100_000;
}
