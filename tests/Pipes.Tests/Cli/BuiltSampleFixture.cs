using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Cli;

/// <summary>The sample project built once on DuckDB (target/test.duckdb) for tests that only read what a build left.</summary>
public sealed class BuiltSampleFixture : IDisposable
{
    public BuiltSampleFixture()
    {
        Project = TestProject.SampleOnDuckDb();
        var (code, stdout, stderr) = Project.Run("build");
        code.ShouldBe(ExitCodes.Success, stdout + stderr);
    }

    public TestProject Project { get; }

    public void Dispose() => Project.Dispose();
}
