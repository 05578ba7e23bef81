using Pipes.Tests.TestKit;

namespace Pipes.Tests.Compile;

/// <summary>
/// A model's built-in template is rendered once per kind (and unique key) with markers, then filled in for each model;
/// a project's own template is rendered per model. The text must be what a render per model gives: the approved
/// snapshots hold the built-in text, these tests the cases where a shared fill would go wrong.
/// </summary>
public sealed class TemplateFillTests
{
    private static TestProject Project(string yaml) => new(new Dictionary<string, string>
    {
        ["pipes_project.yml"] = "name: t\n",
        ["models/first.sql"] = "SELECT 1 AS id, 2 AS code",
        ["models/second.sql"] = "SELECT id, code FROM {{ ref \"first\" }} WHERE id > 0",
        ["models/third.sql"] = "SELECT id, code FROM {{ ref \"second\" }}",
        ["models/schema.yml"] = yaml,
    });

    [Fact]
    public void Incremental_models_with_different_unique_keys_each_merge_on_their_own()
    {
        using var project = Project("models:\n  - name: second\n    config: {materialized: incremental, unique_key: [id]}\n" +
            "  - name: third\n    config: {materialized: incremental, unique_key: [id, code]}\n");

        project.Compile().ExitCode.ShouldBe(0);

        Compiled(project, "second").ShouldContain("ON pipes_target.id = pipes_source.id\n");
        Compiled(project, "third").ShouldContain("ON pipes_target.id = pipes_source.id AND pipes_target.code = pipes_source.code\n");
        Compiled(project, "third").ShouldContain("FROM \"main\".\"second\"");
        project.Run("run").ExitCode.ShouldBe(0);
        project.Run("run").ExitCode.ShouldBe(0); // the MERGE of each runs against its existing table
    }

    [Fact]
    public void A_project_template_that_computes_from_the_select_is_rendered_for_each_model()
    {
        using var project = Project("models: []\n");
        project.Write("templates/models/view.sql.scriban", "-- {{ sql | string.size }} characters\nCREATE OR REPLACE VIEW {{ relation }} AS\n{{ sql }}\n");

        project.Compile().ExitCode.ShouldBe(0);

        Compiled(project, "first").ShouldContain("-- 25 characters\nCREATE OR REPLACE VIEW \"main\".\"first\" AS\nSELECT 1 AS id, 2 AS code");
        Compiled(project, "second").ShouldContain("-- 48 characters\nCREATE OR REPLACE VIEW \"main\".\"second\"");
    }

    private static string Compiled(TestProject project, string model) =>
        File.ReadAllText(Directory.EnumerateFiles(Path.Combine(project.Root, "target", "compiled"), $"*model.t.{model}.sql", SearchOption.AllDirectories).Single());
}
