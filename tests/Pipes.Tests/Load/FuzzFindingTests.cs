using Pipes.Tests.TestKit;

namespace Pipes.Tests.Load;

/// <summary>Inputs the fuzz test (<see cref="ProjectFuzzTests"/>) found that need more than load to show (cases under Cases/ hold the rest).</summary>
public sealed class FuzzFindingTests
{
    [Fact]
    public void A_duckdb_path_with_a_semicolon_is_a_path_not_the_end_of_a_connection_string()
    {
        using var project = TestProject.CopyOfSample()
            .Write("profiles.yml", "acme:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/a;b.duckdb}\n");

        var (code, stdout, stderr) = project.Run("seed");

        code.ShouldBe(0, stdout + stderr);
        File.Exists(Path.Combine(project.Root, "target", "a;b.duckdb")).ShouldBeTrue();
    }
}
