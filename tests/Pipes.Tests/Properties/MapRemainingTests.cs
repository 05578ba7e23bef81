using System.Text.Json;
using Pipes.Core.Compile;
using Pipes.Core.Identity;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Properties;

/// <summary><c>map_remaining</c>: the columns nobody declared become properties, typed by the warehouse, at run time.</summary>
public sealed partial class MapRemainingTests
{
    /// <summary>The property state's statement hash, as a literal.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("'[0-9a-f]{32}'")]
    private static partial System.Text.RegularExpressions.Regex StateHash();

    private const string Model = """
        properties:
          - name: extra
            from: people
            key: {column: email, type: email}
            updated_at: updated_at
            map_remaining: true
            columns:
              plan: {type: string, amplitude: Plan}
        destinations:
          - name: amp
            type: amplitude
            mode: create
            properties: [extra.*]
            dry_run: true
        """;

    private static TestProject Project() => new(new Dictionary<string, string>
    {
        ["pipes_project.yml"] = "name: mr\nprofile: p\n",
        ["profiles.yml"] = "p:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n",
        ["seeds/people.csv"] = "user_id,email,updated_at,plan,seats,score,active,country\nu_0001,ann@x.com,2026-01-01T00:00:00Z,pro,3,1.5,true,DE\nu_0001,ann@x.com,2026-02-01T00:00:00Z,team,5,2.5,false,FR\n",
        ["models/identity.yml"] = "identity:\n  id_types:\n    user_id: {priority: 1, limit: 1}\n    email: {priority: 2, limit: 3}\nseeds:\n  - name: people\n    identifiers: [{column: user_id, type: user_id}, {column: email, type: email}]\n",
        ["models/properties.yml"] = Model,
    });

    [Fact]
    public async Task Remaining_columns_become_typed_properties_and_reach_the_push_relation()
    {
        using var project = Project();
        var (code, stdout, stderr) = project.Run("build");
        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        project.Read("target/run_results.json").ShouldContain("3 remaining columns mapped; skipped: user_id (is a name Amplitude reserves");
        project.Read("target/run_results.json").ShouldContain("country (is a name Amplitude reserves");

        await using var db = DuckDb.Open(project);
        var row = (await db.QueryAsync("SELECT plan, seats, score, active FROM pipes_property_extra"))[0];
        row.ShouldBe(new object?[] { "team", 5L, 2.5, false }); // latest row; integer, number and boolean from the seed's types
        var properties = JsonDocument.Parse((string)(await db.ScalarAsync("SELECT CAST(properties AS VARCHAR) FROM pipes_push_amp"))!).RootElement;
        properties.EnumerateObject().Select(p => p.Name).ShouldBe(new[] { "Plan", "active", "score", "seats" });
        (await db.ScalarAsync("SELECT profile_id FROM pipes_push_amp")).ShouldBe(ProfileIds.For("user_id", "u_0001"));
    }

    [Fact]
    public void The_compiled_file_shows_what_is_read_at_run_time()
    {
        using var project = Project();
        project.Compile().ExitCode.ShouldBe(0);

        var file = Directory.EnumerateFiles(Path.Combine(project.Root, "target", "compiled", "local")).Single(f => f.Contains("_property.mr.extra"));
        var sql = File.ReadAllText(file);
        sql.ShouldContain("-- pipes: columns read at run time (map_remaining):");
        sql.ShouldContain("FROM information_schema.columns");
    }

    [Fact]
    public void The_compiled_file_is_what_runs_with_the_placeholder_replaced_by_the_column_found()
    {
        using var project = Project();
        // One remaining column Amplitude accepts (tier); user_id is found too, but skipped as a reserved name.
        project.Write("seeds/people.csv", "user_id,email,updated_at,plan,tier\nu_0001,ann@x.com,2026-01-01T00:00:00Z,pro,gold\n");
        var (code, stdout, stderr) = project.Run("build");
        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        // The log indents each statement. The model's state hash covers its statements, so it differs with the column found.
        var log = StateHash().Replace(project.Read("target/pipes.log").Replace("\n    ", "\n"), "<hash>");

        foreach (var node in new[] { "_property.mr.extra", "_push.mr.amp" })
        {
            var file = Directory.EnumerateFiles(Path.Combine(project.Root, "target", "compiled", "local")).Single(f => f.Contains(node));
            var statements = StateHash().Replace(File.ReadAllText(file), "<hash>").Split(";\n\n").Select(s => s.TrimEnd(';', '\n'))
                .Where(s => !s.Split('\n').All(line => line.StartsWith("--", StringComparison.Ordinal))).ToList(); // comments: what the runner reads and does
            statements.Count(s => s.Contains(ColumnExpansionStep.Placeholder)).ShouldBeGreaterThan(0, node);
            foreach (var statement in statements)
                log.ShouldContain(statement.Replace(ColumnExpansionStep.Placeholder, "tier"), Case.Sensitive, node);
        }
    }

    [Fact]
    public async Task A_remaining_column_whose_type_changed_is_published_with_the_new_type()
    {
        using var project = Project();
        project.Run("build").ExitCode.ShouldBe(ExitCodes.Success);
        await using (var db = DuckDb.Open(project))
            (await db.ScalarAsync("SELECT data_type FROM information_schema.columns WHERE table_name = 'pipes_property_extra' AND column_name = 'seats'")).ShouldBe("BIGINT");

        // seats becomes text at the source: publishing into the old BIGINT column would fail on "five" (or cast "5" back).
        project.Write("seeds/people.csv", "user_id,email,updated_at,plan,seats,score,active,country\nu_0001,ann@x.com,2026-01-01T00:00:00Z,pro,3,1.5,true,DE\nu_0001,ann@x.com,2026-02-01T00:00:00Z,team,five,2.5,false,FR\n");
        var (code, stdout, stderr) = project.Run("build");

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        project.Read("target/run_results.json").ShouldContain("replaced the table with other column types of the same name");
        await using (var db = DuckDb.Open(project))
        {
            (await db.ScalarAsync("SELECT data_type FROM information_schema.columns WHERE table_name = 'pipes_property_extra' AND column_name = 'seats'")).ShouldBe("VARCHAR");
            (await db.ScalarAsync("SELECT seats FROM pipes_property_extra")).ShouldBe("five");
            var properties = JsonDocument.Parse((string)(await db.ScalarAsync("SELECT CAST(properties AS VARCHAR) FROM pipes_push_amp"))!).RootElement;
            properties.GetProperty("seats").GetString().ShouldBe("five");
        }

        // Again with the same types: nothing replaced.
        project.Run("build").ExitCode.ShouldBe(ExitCodes.Success);
        project.Read("target/run_results.json").ShouldNotContain("replaced the table");

        // A column that appears (tier) and one that goes (score): replaced again, and the table has exactly the new columns.
        project.Write("seeds/people.csv", "user_id,email,updated_at,plan,seats,active,country,tier\nu_0001,ann@x.com,2026-02-01T00:00:00Z,team,five,false,FR,gold\n");
        (code, stdout, stderr) = project.Run("build");
        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        project.Read("target/run_results.json").ShouldContain("replaced the table with other columns of the same name");
        await using (var db = DuckDb.Open(project))
        {
            (await db.QueryAsync("SELECT column_name FROM information_schema.columns WHERE table_name = 'pipes_property_extra' ORDER BY ordinal_position"))
                .Select(r => (string)r[0]!).ShouldBe(["profile_id", "plan", "seats", "active", "tier"]);
            (await db.ScalarAsync("SELECT tier FROM pipes_property_extra")).ShouldBe("gold");
        }
    }

    [Fact]
    public void Map_remaining_without_updated_at_is_an_error()
    {
        using var project = Project();
        project.Write("models/properties.yml", Model.Replace("    updated_at: updated_at\n", ""));

        var (code, _, stderr) = project.Compile();

        code.ShouldBe(ExitCodes.Failure);
        stderr.ShouldContain("map_remaining of property model 'extra' needs 'updated_at'");
    }
}
