using System.Reflection;

namespace Pipes.Core;

public static class PipesVersion
{
    /// <summary>The informational version without the source-revision suffix, so builds of one version compile identical bytes.</summary>
    public static string Current { get; } =
        (typeof(PipesVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];
}
