using System.Text.Json;
using Pipes.Core.Compile;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Identity;

/// <summary>
/// The hash a node's state keeps of its statements (identity and property models) ignores comments and the layout of
/// whitespace, and nothing else: a reworded comment in a template does not make the next run read every row again.
/// </summary>
public sealed class RulesHashTests
{
    [Theory]
    [InlineData("SELECT 1 -- one\nFROM t", "SELECT 1\n  FROM   t")]
    [InlineData("/* why */ SELECT a,\n\n b FROM t", "SELECT a, b FROM t")]
    [InlineData("SELECT 1 FROM t /* unclosed", "SELECT 1 FROM t")]
    public void Comments_and_whitespace_leave_the_hash_as_it_was(string one, string other) =>
        SqlStatements.Hash([one]).ShouldBe(SqlStatements.Hash([other]));

    [Theory]
    [InlineData("SELECT '-- not a comment' FROM t", "SELECT '' FROM t")]
    [InlineData("SELECT 'a  b' FROM t", "SELECT 'a b' FROM t")]
    [InlineData("SELECT 'it''s -- x' FROM t", "SELECT 'it''s' FROM t")]
    [InlineData("SELECT \"a -- b\" FROM t", "SELECT \"a\" FROM t")]
    [InlineData("CREATE FUNCTION f() AS $$ // js\n  return 1; -- x $$", "CREATE FUNCTION f() AS $$ // js\n  return 1; $$")]
    [InlineData("SELECT 1 FROM t WHERE a = 1", "SELECT 1 FROM t WHERE a = 2")]
    [InlineData("SELECT a-1 FROM t", "SELECT a FROM t")]
    public void Text_inside_quotes_and_any_code_change_the_hash(string one, string other) =>
        SqlStatements.Hash([one]).ShouldNotBe(SqlStatements.Hash([other]));

    [Fact]
    public void Statement_boundaries_count() =>
        SqlStatements.Hash(["SELECT 1", "SELECT 2"]).ShouldNotBe(SqlStatements.Hash(["SELECT 1 SELECT 2"]));

    [Fact]
    public void A_reworded_template_comment_leaves_the_next_run_idle_and_a_code_change_resets_it()
    {
        using var project = TestProject.SampleOnDuckDb();
        project.Run("build").ExitCode.ShouldBe(0);
        var finish = File.ReadAllText(Path.Combine(RepoPaths.Root, "templates", "identity", "finish.sql.scriban"));
        finish.ShouldContain("\n-- ");

        // The same template with its comments reworded and blank lines added, as a project override.
        project.Write("templates/identity/finish.sql.scriban", finish.Replace("\n-- ", "\n\n-- reworded: "));
        var (code, stdout, stderr) = project.Run("build");

        code.ShouldBe(0, stdout + stderr);
        Message(project).ShouldContain("nothing new: outputs unchanged");

        // A change of code (a condition that holds for every row) is a change of rules: every row is read again.
        project.Write("templates/identity/finish.sql.scriban", finish.Replace("\n-- ", "\n-- reworded: ").Replace("WHERE ", "WHERE 1 = 1 AND "));
        (code, stdout, stderr) = project.Run("build");

        code.ShouldBe(0, stdout + stderr);
        Message(project).ShouldNotContain("nothing new");
    }

    private static string Message(TestProject project) =>
        JsonDocument.Parse(project.Read("target/run_results.json")).RootElement.GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("unique_id").GetString()!.StartsWith("identity.", StringComparison.Ordinal)).GetProperty("message").GetString()!;
}
