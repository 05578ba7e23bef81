using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Run;

public sealed class SourcesAndVarsTests
{
    [Fact]
    public async Task A_model_reads_an_existing_table_through_source_with_vars_and_env_vars()
    {
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: t\nprofile: p\nvars: {min_id: 1, label: from_project}\n",
            ["profiles.yml"] = "p:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb, schema: analytics}\n",
            ["models/sources.yml"] = "sources:\n  - name: crm\n    schema: raw_crm\n    tables:\n      - {name: contacts, identifier: contacts_v2}\n",
            ["models/picked.sql"] = "SELECT id, '{{ var \"label\" }}' AS label, '{{ env_var \"PIPES_REGION\" \"eu\" }}' AS region, '{{ env_var \"PIPES_TEAM\" }}' AS team\nFROM {{ source \"crm\" \"contacts\" }}\nWHERE id > {{ var \"min_id\" }}",
        });
        project.Environment["PIPES_TEAM"] = "growth";
        await using (var db = DuckDb.Open(project))
        {
            await db.QueryAsync("CREATE SCHEMA raw_crm; CREATE TABLE raw_crm.contacts_v2 AS SELECT * FROM range(1, 6) AS r(id)");
        }

        var (code, stdout, stderr) = project.Run("run", project.Options() with { Vars = "{min_id: 3, label: from_cli}" });

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        await using var check = DuckDb.Open(project);
        var rows = await check.QueryAsync("SELECT id, label, region, team FROM analytics.picked ORDER BY id");
        rows.Select(r => (long)r[0]!).ShouldBe(new[] { 4L, 5L });
        rows[0][1].ShouldBe("from_cli");
        rows[0][2].ShouldBe("eu");
        rows[0][3].ShouldBe("growth");
        project.Read("target/manifest.json").ShouldContain("\"source.t.crm.contacts\"");
    }

    [Fact]
    public void Profiles_are_found_in_the_home_folder_when_the_project_has_none()
    {
        using var home = new TestProject(new Dictionary<string, string>
        {
            [".pipes/profiles.yml"] = "p:\n  target: dev\n  outputs:\n    dev: {type: duckdb, path: ':memory:', schema: from_home}\n",
        });
        using var project = new TestProject(new Dictionary<string, string> { ["pipes_project.yml"] = "name: t\nprofile: p\n" });

        var (loaded, bag) = Pipes.Core.Load.ProjectLoader.Load(project.Root, new Pipes.Core.Load.LoadOptions { HomeDirectory = home.Root, Environment = _ => null });

        bag.Items.ShouldBeEmpty();
        loaded!.Output.Name.ShouldBe("dev");
        loaded.Output.Schema.ShouldBe("from_home");
    }
}
