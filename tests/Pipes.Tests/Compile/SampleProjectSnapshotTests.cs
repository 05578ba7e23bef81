using System.Text;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Compile;

/// <summary>
/// The compiled SQL of the sample project, approved per dialect. Seed INSERTs carry thousands of rows of data, so the
/// sample's snapshot keeps models only; <see cref="SeedSnapshotTests"/> pins the seed SQL on a small CSV.
/// </summary>
public sealed class SampleProjectSnapshotTests
{
    [Theory]
    [InlineData("local", "duckdb")]
    [InlineData("prod", "snowflake")]
    public void Compiled_models_match_approved(string target, string dialect)
    {
        using var project = TestProject.CopyOfSample();
        var (code, _, stderr) = project.Compile(project.Options() with { Target = target });
        code.ShouldBe(0, stderr);

        Approvals.Verify($"SampleProject.models.{dialect}", "sql", CompiledText(project, target, "_model."));
    }

    [Fact]
    public void Compiling_twice_gives_identical_bytes()
    {
        using var first = TestProject.CopyOfSample();
        using var second = TestProject.CopyOfSample();
        // The same project written in another order must not change a byte.
        foreach (var file in Directory.EnumerateFiles(Path.Combine(second.Root, "models"), "*", SearchOption.AllDirectories).Reverse())
            File.SetLastWriteTimeUtc(file, DateTime.UnixEpoch);

        foreach (var target in new[] { "local", "prod" })
        {
            first.Compile(first.Options() with { Target = target }).ExitCode.ShouldBe(0);
            var once = Snapshot(first, target);
            first.Compile(first.Options() with { Target = target }).ExitCode.ShouldBe(0);
            second.Compile(second.Options() with { Target = target }).ExitCode.ShouldBe(0);

            Snapshot(first, target).ShouldBe(once);
            Snapshot(second, target).ShouldBe(once);
        }
    }

    [Fact]
    public void Snowflake_compile_needs_no_account_and_no_variables()
    {
        using var project = TestProject.CopyOfSample();
        project.Environment.Clear();

        var (code, stdout, stderr) = project.Compile(project.Options() with { Target = "prod" });

        code.ShouldBe(0, stderr);
        stdout.ShouldContain("(snowflake)");
        project.Read("target/manifest.json").ShouldNotContain("acme-example"); // account and other settings stay out of artifacts
    }

    internal static string CompiledText(TestProject project, string target, string kindMarker)
    {
        var folder = Path.Combine(project.Root, "target", "compiled", target);
        var text = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => f.Contains(kindMarker, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            text.Append("-- ").Append(Path.GetFileName(file)).Append('\n').Append(File.ReadAllText(file)).Append('\n');
        return text.ToString();
    }

    private static string Snapshot(TestProject project, string target) =>
        CompiledText(project, target, ".") + project.Read("target/manifest.json");
}
