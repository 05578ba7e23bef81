using Pipes.Core.Compile;
using Pipes.Core.Dialects;
using Pipes.Core.Diagnostics;
using Pipes.Tests.Compile;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Templating;

/// <summary>
/// Engine-only templates live under templates/&lt;dialect&gt;/ and are found first, then the shared path (dbt's
/// snowflake__x before default__x), for the compiler's own lookups and for includes alike.
/// </summary>
public sealed class DialectTemplateDispatchTests
{
    [Fact]
    public void A_path_resolves_to_the_dialect_folder_first_then_the_shared_one()
    {
        var catalog = StatementTemplates.BuiltIn;

        catalog.Dispatch("identity/split_udtf.sql.scriban", SnowflakeDialect.Instance.Name).ShouldBe("snowflake/identity/split_udtf.sql.scriban");
        catalog.Dispatch("identity/prepare.sql.scriban", SnowflakeDialect.Instance.Name).ShouldBe("identity/prepare.sql.scriban");
        // DuckDB has no UDTF: the lookup falls back to a shared path that does not exist, and says what it knows.
        Should.Throw<InvalidOperationException>(() => catalog.Get("identity/split_udtf.sql.scriban", DuckDbDialect.Instance))
            .Message.ShouldContain("snowflake/identity/split_udtf.sql.scriban");
    }

    [Fact]
    public void Engine_only_templates_are_not_in_the_shared_folders()
    {
        var shared = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "templates"), "*.scriban", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(RepoPaths.Root, "templates"), f).Replace('\\', '/'))
            .Where(p => !p.StartsWith("snowflake/", StringComparison.Ordinal) && !p.StartsWith("duckdb/", StringComparison.Ordinal))
            .ToList();

        // Snowflake Scripting, JavaScript UDTFs, tasks and streams exist on Snowflake only.
        foreach (var path in shared)
        {
            var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "templates", path));
            foreach (var marker in new[] { "LANGUAGE JAVASCRIPT", "EXECUTE IMMEDIATE", "CREATE OR REPLACE TASK", "INSERT ALL" })
                text.ShouldNotContain(marker, Case.Sensitive, $"{path} holds Snowflake-only SQL; move it under templates/snowflake/");
        }
    }

    [Fact]
    public void An_include_resolves_through_the_dialect_folder_of_the_rendering()
    {
        using var project = TestProject.CopyOfSample();
        var macro = File.ReadAllText(Path.Combine(RepoPaths.Root, "templates", "macros", "normalize.sql.scriban"));
        project.Write("templates/snowflake/macros/normalize.sql.scriban",
            macro.Replace("$x = dialect.lowercase $x", "$x = \"LOWER(\" + $x + \") /* snowflake macro */\""));
        project.Compile(project.Options() with { Target = "prod" }).ExitCode.ShouldBe(0);
        project.Compile(project.Options() with { Target = "local" }).ExitCode.ShouldBe(0);

        SampleProjectSnapshotTests.CompiledText(project, "prod", "_identity.").ShouldContain("/* snowflake macro */");
        SampleProjectSnapshotTests.CompiledText(project, "local", "_identity.").ShouldNotContain("/* snowflake macro */");
    }
}
