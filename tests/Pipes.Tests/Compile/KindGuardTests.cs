using Pipes.Tests.TestKit;

namespace Pipes.Tests.Compile;

/// <summary>
/// The kind guard (probe and drop before a model whose materialization changed) of the built-in template is rendered
/// once per kind and filled with each model's relation and name; a project's own template is rendered per model.
/// The guards run on DuckDB in <c>Run/MaterializationChangeTests</c>; the built-in text is in the approved snapshots.
/// </summary>
public sealed class KindGuardTests
{
    private static TestProject Project() => new(new Dictionary<string, string>
    {
        ["pipes_project.yml"] = "name: t\n",
        ["models/first_view.sql"] = "SELECT 1 AS id",
        ["models/second_view.sql"] = "SELECT id FROM {{ ref \"first_view\" }}",
        ["models/a_table.sql"] = "SELECT id FROM {{ ref \"second_view\" }}",
        ["models/schema.yml"] = "models:\n  - name: a_table\n    config: {materialized: table}\n",
    });

    [Fact]
    public void Each_model_gets_its_own_relation_and_name_in_the_guard()
    {
        using var project = Project();

        project.Compile().ExitCode.ShouldBe(0);

        foreach (var (model, other) in new[] { ("first_view", "TABLE"), ("second_view", "TABLE"), ("a_table", "VIEW") })
        {
            var probe = Probe(project, model);
            probe.ShouldContain($"table_name = '{model}'");
            probe.ShouldContain($"then the runner runs: DROP {other} \"main\".\"{model}\"");
        }
    }

    [Fact]
    public void A_project_template_that_computes_from_the_name_is_rendered_for_each_model()
    {
        using var project = Project();
        project.Write("templates/models/drop_other_kind.sql.scriban",
            "-- guard of {{ relation }} ({{ name | string.size }} characters quoted)\n" +
            "SELECT table_type FROM {{ tables }} WHERE table_name = {{ name }} AND table_type = {{ dialect.string_literal other_type }}\n" +
            "{{ statement_end }}\nDROP {{ other_kind }} {{ relation }}\n");

        project.Compile().ExitCode.ShouldBe(0);

        Probe(project, "first_view").ShouldStartWith("-- guard of \"main\".\"first_view\" (12 characters quoted)");
        Probe(project, "second_view").ShouldStartWith("-- guard of \"main\".\"second_view\" (13 characters quoted)");
        Probe(project, "a_table").ShouldStartWith("-- guard of \"main\".\"a_table\" (9 characters quoted)");
    }

    private static string Probe(TestProject project, string model) =>
        File.ReadAllText(Directory.EnumerateFiles(Path.Combine(project.Root, "target", "compiled"), $"*model.t.{model}.sql", SearchOption.AllDirectories).Single())
            .Split(";\n\n")[0];
}
