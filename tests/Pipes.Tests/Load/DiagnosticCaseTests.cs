using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Load;

/// <summary>
/// Each folder under Cases/NNN-area/&lt;case&gt;/ is a broken project; expected.txt is exactly what pipes prints
/// (Scriban's TestFiles habit). PIPES_APPROVE=1 rewrites expected.txt from what is printed.
/// </summary>
public sealed class DiagnosticCaseTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        var root = Path.Combine(RepoPaths.TestsDirectory, "Cases");
        foreach (var dir in Directory.EnumerateDirectories(root).SelectMany(Directory.EnumerateDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(root, dir).Replace('\\', '/'));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Prints_expected_diagnostics(string name)
    {
        var dir = Path.Combine(RepoPaths.TestsDirectory, "Cases", name);
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var options = new CommandOptions { ProjectDirectory = dir, ProfilesDirectory = dir, Environment = _ => null };

        var code = LsTask.Execute(options, new TaskOutput(stdout, stderr, json: false));

        var expectedPath = Path.Combine(dir, "expected.txt");
        var printed = stderr.ToString();
        if (System.Environment.GetEnvironmentVariable("PIPES_APPROVE") == "1") File.WriteAllText(expectedPath, printed);
        code.ShouldBe(ExitCodes.Failure, printed);
        printed.ShouldBe(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"));
    }
}
