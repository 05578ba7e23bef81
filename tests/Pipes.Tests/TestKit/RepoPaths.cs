namespace Pipes.Tests.TestKit;

/// <summary>Paths inside the repository, found by walking up to Pipes.Compiler.sln.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string TestsDirectory => Path.Combine(Root, "tests", "Pipes.Tests");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pipes.Compiler.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no Pipes.Compiler.sln above {AppContext.BaseDirectory}");
    }
}
