using System.Text;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Templating;

/// <summary>Scriban's limits never cut compiled SQL: output is unlimited, and reaching a limit is an error naming the node.</summary>
public sealed class RenderLimitTests
{
    private const string Profiles = "p:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n";

    [Fact]
    public void A_model_rendering_to_more_than_one_mebibyte_compiles_completely()
    {
        const int Rows = 70_000;
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: big\nprofile: p\n",
            ["profiles.yml"] = Profiles,
            ["models/wide.sql"] = "{{ for i in 1.." + Rows + " }}SELECT {{ i }} AS n UNION ALL\n{{ end }}SELECT 0 AS n\n",
        });
        var expected = new StringBuilder();
        for (var i = 1; i <= Rows; i++) expected.Append("SELECT ").Append(i).Append(" AS n UNION ALL\n");
        expected.Append("SELECT 0 AS n");
        expected.Length.ShouldBeGreaterThan(1_048_576);

        var (code, _, stderr) = project.Compile();

        code.ShouldBe(0, stderr);
        var compiled = File.ReadAllText(Directory.EnumerateFiles(Path.Combine(project.Root, "target", "compiled", "local"), "*wide.sql").Single());
        compiled.ShouldContain(expected.ToString());
        compiled.ShouldNotContain("...");
        compiled.ShouldEndWith("SELECT 0 AS n;\n");
    }

    [Fact]
    public void Reaching_the_loop_limit_in_a_shared_template_is_an_error_naming_the_node()
    {
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: big\nprofile: p\n",
            ["profiles.yml"] = Profiles,
            ["models/small.sql"] = "SELECT 1 AS n\n",
            // A project override of the view template that loops past the renderer's limit.
            ["templates/models/view.sql.scriban"] = "{{ i = 0 }}{{ while true }}{{ i = i + 1 }}{{ end }}CREATE OR REPLACE VIEW {{ relation }} AS\n{{ sql }}\n",
        });

        var (code, stdout, stderr) = project.Compile();

        code.ShouldBe(1);
        var error = (stdout + stderr).Split('\n').Single(l => l.Contains("PIPES0105"));
        error.ShouldStartWith("templates/models/view.sql.scriban(1,");
        error.ShouldContain("iteration limit `1000000`");
        error.ShouldContain("while compiling model.big.small (models/small.sql)");
    }
}
