using Pipes.Tests.TestKit;

namespace Pipes.Tests.Compile;

/// <summary>
/// The identity node's compiled SQL for the sample project, approved per dialect: on DuckDB the prepare statements,
/// the loop the runner drives and the host split; on Snowflake the JavaScript UDTF and one self-contained script.
/// </summary>
public sealed class IdentitySnapshotTests
{
    [Theory]
    [InlineData("local", "duckdb")]
    [InlineData("prod", "snowflake")]
    public void Compiled_identity_matches_approved(string target, string dialect)
    {
        using var project = TestProject.CopyOfSample();
        var (code, _, stderr) = project.Compile(project.Options() with { Target = target });
        code.ShouldBe(0, stderr);

        Approvals.Verify($"SampleProject.identity.{dialect}", "sql", SampleProjectSnapshotTests.CompiledText(project, target, "_identity."));
    }

    [Fact]
    public void Snowflake_identity_is_one_udtf_and_one_script_with_a_capped_loop()
    {
        using var project = TestProject.CopyOfSample();
        project.Compile(project.Options() with { Target = "prod" }).ExitCode.ShouldBe(0);

        var sql = SampleProjectSnapshotTests.CompiledText(project, "prod", "_identity.");

        sql.ShouldContain("CREATE OR REPLACE FUNCTION \"ANALYTICS\".\"PIPES\".\"PIPES_ID_SPLIT_UDTF\"");
        sql.ShouldContain("LANGUAGE JAVASCRIPT");
        sql.ShouldContain("EXECUTE IMMEDIATE $$");
        sql.ShouldContain("LOOP");
        sql.ShouldContain("RAISE round_cap_exceeded;");
        sql.ShouldContain("OVER (PARTITION BY s.component ORDER BY s.kind DESC, s.strength, s.first_seen, s.node_key, s.later_key)");
        sql.ShouldNotContain("-- pipes: the runner"); // nothing is left for a runner to drive
    }
}
