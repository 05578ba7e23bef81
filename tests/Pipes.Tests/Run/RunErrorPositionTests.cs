using System.Text.Json;
using Pipes.Core.Models;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Run;

/// <summary>A database error at run time points at the model's own line and names the compiled file and its line.</summary>
public sealed class RunErrorPositionTests
{
    private static TestProject Project(string model, string materialized = "table") => new TestProject(new Dictionary<string, string>
    {
        ["pipes_project.yml"] = "name: t\nprofile: t\n",
        ["profiles.yml"] = "t:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n",
        ["models/a.sql"] = "SELECT 1 AS id",
        ["models/bad.sql"] = model,
    }).Write("models/models.yml", $"models:\n  - name: bad\n    config: {{materialized: {materialized}, unique_key: [id]}}\n");

    [Theory]
    [InlineData("table")]
    [InlineData("view")]
    [InlineData("incremental")]
    public void An_engine_error_on_line_3_behind_a_header_points_at_line_3(string materialized)
    {
        using var project = Project("-- What this model is for.\n-- Second line of the header.\nSELECT id, nosuchcol FROM {{ ref \"a\" }}\n", materialized);

        var (code, stdout, stderr) = project.Run("run");

        code.ShouldBe(ExitCodes.Failure, stdout + stderr);
        stderr.ShouldContain("models/bad.sql(3,12): error PIPES0901: bad failed [");
        stderr.ShouldContain("Binder Error: Referenced column \"nosuchcol\" not found");
        // The compiled statement wraps the model (CREATE ... AS on line 1), after the kind probe.
        var compiled = File.ReadAllLines(Path.Combine(project.Root, "target", "compiled", "local", "002_model.t.bad.sql"));
        var line = Array.FindIndex(compiled, l => l.StartsWith("SELECT id, nosuchcol", StringComparison.Ordinal)) + 1;
        stderr.ShouldContain($"compiled SQL: target/compiled/local/002_model.t.bad.sql({line},12)");
        stderr.ShouldNotContain("LINE ");
        var message = JsonDocument.Parse(project.Read("target/run_results.json")).RootElement.GetProperty("results")[1].GetProperty("message").GetString();
        message.ShouldStartWith("models/bad.sql(3,12): error PIPES0901");
    }

    [Fact]
    public void Template_blocks_that_drop_lines_still_point_at_the_models_line()
    {
        using var project = Project("{{ # a Scriban comment first }}\n-- header\n{{ if false }}\n-- never rendered\n{{ end }}\nSELECT\n  id,\n  nosuchcol AS broken\nFROM {{ ref \"a\" }}\n");

        var (_, _, stderr) = project.Run("run");

        stderr.ShouldContain("models/bad.sql(8,3): error PIPES0901");
    }

    [Fact]
    public void An_error_outside_the_models_text_names_the_compiled_line()
    {
        using var project = Project("SELECT 1 AS id\n", "incremental");
        project.Write("models/models.yml", "models:\n  - name: bad\n    config: {materialized: incremental, unique_key: [no_such_key]}\n");

        var (_, _, stderr) = project.Run("run");

        stderr.ShouldContain("models/bad.sql: error PIPES0901: bad failed");
        stderr.ShouldContain("compiled SQL: target/compiled/local/002_model.t.bad.sql(");
    }

    [Fact]
    public void A_model_of_5000_lines_maps_its_line_4000()
    {
        var lines = Enumerable.Range(1, 5000).Select(i => i == 4000 ? "  nosuchcol AS c4000," : $"  {i} AS c{i},").ToList();
        lines[0] = "-- header";
        lines[1] = "SELECT";
        lines[^1] = "  1 AS last";
        var model = string.Join("\n", lines) + "\nFROM {{ ref \"a\" }}\n";
        using var project = Project(model);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (_, _, stderr) = project.Run("run");

        stderr.ShouldContain("models/bad.sql(4000,3): error PIPES0901");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Without_a_column_from_the_engine_the_line_still_maps()
    {
        // Snowflake says "line 4 at position 11": a line, no column Pipes can trust.
        ModelLineMap.Map("CREATE TABLE t AS\n-- a\n-- b\nSELECT x FROM y", 4, null, ["-- a\n-- b\nSELECT x FROM y"], "-- a\n-- b\nSELECT x FROM {{ ref \"y\" }}\n")
            .ShouldBe((3, 1));
        ModelLineMap.Map("CREATE TABLE t AS\nSELECT 1", 1, 3, ["SELECT 1"], "SELECT 1").ShouldBeNull(); // the template's own line
    }

    [Theory]
    [InlineData(1, 1, 1, 1)]     // the header comment is line 1 in both
    [InlineData(4, 12, 4, 12)]   // the SELECT: the template call comes after the column, so the column holds
    [InlineData(4, 30, 4, 1)]    // past the template call: the line is right, the column unknown
    public void Lines_map_through_the_rendered_text(int renderedLine, int renderedColumn, int modelLine, int modelColumn)
    {
        const string source = "-- header\n\n{{ # note }}\nSELECT id, nosuchcol FROM {{ ref \"a\" }} WHERE x\n";
        const string rendered = "-- header\n\n\nSELECT id, nosuchcol FROM \"main\".\"a\" WHERE x";
        var statement = "CREATE TABLE t AS\n" + rendered.Trim();

        var mapped = ModelLineMap.Map(statement, renderedLine + 1, renderedColumn, [rendered.Trim()], source);

        mapped.ShouldBe((modelLine, modelColumn));
    }
}
