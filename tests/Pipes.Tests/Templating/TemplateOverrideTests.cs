using Pipes.Tests.TestKit;

namespace Pipes.Tests.Templating;

/// <summary>
/// A project template under templates/ is read only at a built-in path, a dialect folder's copy of one, or when a
/// template includes it; anywhere else (a misspelt name, the old path of a moved template) it would change nothing,
/// so the compile refuses it (PIPES0108) and names where the built-in template of that name is.
/// </summary>
public sealed class TemplateOverrideTests
{
    [Fact]
    public void An_override_at_a_path_nothing_reads_is_an_error_naming_the_built_in_path()
    {
        using var project = TestProject.CopyOfSample();
        project.Write("templates/normalize.sql.scriban", "{{ $0 }}");

        var result = project.Compile();

        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldContain("PIPES0108");
        result.Stderr.ShouldContain("templates/normalize.sql.scriban");
        result.Stderr.ShouldContain("templates/macros/normalize.sql.scriban");
    }

    [Fact]
    public void Overrides_at_a_built_in_path_in_a_dialect_folder_or_included_by_one_are_accepted()
    {
        using var project = TestProject.CopyOfSample();
        var macro = File.ReadAllText(Path.Combine(RepoPaths.Root, "templates", "macros", "normalize.sql.scriban"));
        project.Write("templates/macros/normalize.sql.scriban", macro);
        project.Write("templates/snowflake/macros/normalize.sql.scriban", macro);
        // A helper of the project's own, reached only through an include of an override.
        project.Write("templates/models/view.sql.scriban",
            File.ReadAllText(Path.Combine(RepoPaths.Root, "templates", "models", "view.sql.scriban")) + "{{ include \"acme/footer.sql.scriban\" }}");
        project.Write("templates/acme/footer.sql.scriban", "-- acme footer\n");

        var result = project.Compile();

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stderr.ShouldNotContain("PIPES0108");
    }
}
