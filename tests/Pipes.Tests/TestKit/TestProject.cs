using Pipes.Core.Tasks;

namespace Pipes.Tests.TestKit;

/// <summary>A project written to a temporary folder from inline files (dbt's functional tests), deleted on dispose.</summary>
public sealed class TestProject : IDisposable
{
    public TestProject(IReadOnlyDictionary<string, string>? files = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "pipes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        foreach (var (path, text) in files ?? new Dictionary<string, string>()) Write(path, text);
    }

    public string Root { get; }

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>A copy of the sample project at the repository root (project files, models, seeds).</summary>
    public static TestProject CopyOfSample()
    {
        var project = new TestProject();
        foreach (var file in new[] { "pipes_project.yml", "profiles.yml" })
            File.Copy(Path.Combine(RepoPaths.Root, file), Path.Combine(project.Root, file));
        foreach (var folder in new[] { "models", "seeds" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, folder), "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(RepoPaths.Root, file);
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(project.Root, relative))!);
                File.Copy(file, Path.Combine(project.Root, relative));
            }
        }
        return project;
    }

    /// <summary>The sample project with its default output pointed at <c>target/test.duckdb</c> (what <see cref="DuckDb.Open"/> reads).</summary>
    public static TestProject SampleOnDuckDb() =>
        CopyOfSample().Write("profiles.yml", "acme:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n");

    public TestProject Write(string path, string text)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text.ReplaceLineEndings("\n"));
        return this;
    }

    public string Read(string path) => File.ReadAllText(Path.Combine(Root, path));

    public CommandOptions Options(params string[] select) => new()
    {
        ProjectDirectory = Root,
        ProfilesDirectory = Root,
        Select = select,
        Environment = name => Environment.GetValueOrDefault(name),
    };

    /// <summary>Runs a task with captured output.</summary>
    public (int ExitCode, string Stdout, string Stderr) Invoke(Func<CommandOptions, TaskOutput, int> task, CommandOptions? options = null, bool json = false)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = task(options ?? Options(), new TaskOutput(stdout, stderr, json));
        return (code, stdout.ToString(), stderr.ToString());
    }

    public (int ExitCode, string Stdout, string Stderr) Run(string command, CommandOptions? options = null, bool json = false) =>
        Invoke((o, output) => RunTask.ExecuteAsync(command, o, output, CancellationToken.None).GetAwaiter().GetResult(), options, json);

    public (int ExitCode, string Stdout, string Stderr) Compile(CommandOptions? options = null) =>
        Invoke(CompileTask.Execute, options);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { /* DuckDB may still hold the file on some platforms */ }
    }
}
