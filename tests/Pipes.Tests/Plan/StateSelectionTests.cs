using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Plan;

/// <summary>
/// state:modified and --defer on the sample project: a previous manifest is copied aside, the project edited, and
/// the selection compared with what changed (text, config, a template it renders).
/// </summary>
public sealed class StateSelectionTests : IDisposable
{
    private readonly TestProject _project = TestProject.SampleOnDuckDb();
    private readonly string _state;

    public StateSelectionTests()
    {
        _project.Compile().ExitCode.ShouldBe(0);
        _state = Path.Combine(_project.Root, "state");
        Directory.CreateDirectory(_state);
        File.Copy(Path.Combine(_project.Root, "target", "manifest.json"), Path.Combine(_state, "manifest.json"));
    }

    [Fact]
    public void Nothing_changed_selects_nothing() => Selected("state:modified").ShouldBeEmpty();

    [Fact]
    public void An_edited_model_is_modified_and_plus_adds_what_reads_it()
    {
        Append("models/staging/stg_crm_contacts.sql", "\n-- reviewed\n");
        Selected("state:modified").ShouldBe(["model.acme_growth.stg_crm_contacts"]);
        var downstream = Selected("state:modified+");
        downstream.ShouldContain("model.acme_growth.account_overview");
        downstream.ShouldContain("test.acme_growth.unique_account_overview_account_id");
        downstream.ShouldNotContain("model.acme_growth.stg_events");
    }

    [Fact]
    public void A_config_change_is_a_modification()
    {
        var path = "models/models.yml";
        var text = _project.Read(path);
        _project.Write(path, text.Replace("config: {materialized: view, tags: [staging, crm]}", "config: {materialized: table, tags: [staging, crm]}", StringComparison.Ordinal));
        Selected("state:modified").ShouldBe(["model.acme_growth.stg_crm_contacts"]);
    }

    [Fact]
    public void A_changed_template_modifies_every_node_that_renders_it()
    {
        var builtIn = File.ReadAllText(Path.Combine(RepoPaths.Root, "templates", "models", "view.sql.scriban"));
        _project.Write("templates/models/view.sql.scriban", builtIn + "{{~ # reviewed ~}}\n");
        Selected("state:modified").ShouldBe(["model.acme_growth.stg_events", "model.acme_growth.stg_crm_contacts"], ignoreOrder: true);
    }

    [Fact]
    public void A_new_node_is_new_and_modified()
    {
        _project.Write("models/marts/extra.sql", "SELECT 1 AS id");
        Selected("state:new").ShouldBe(["model.acme_growth.extra"]);
        Selected("state:modified,tag:marts").ShouldBeEmpty(); // intersection: extra has no tag
        Selected("state:modified").ShouldBe(["model.acme_growth.extra"]);
    }

    [Fact]
    public void A_node_the_state_run_did_not_compile_counts_as_modified()
    {
        // The state comes from a partial compile: only stg_events was compiled there, so only it has its templates recorded.
        _project.Compile(_project.Options("stg_events")).ExitCode.ShouldBe(0);
        File.Copy(Path.Combine(_project.Root, "target", "manifest.json"), Path.Combine(_state, "manifest.json"), overwrite: true);
        var modified = Selected("state:modified");
        modified.ShouldNotContain("model.acme_growth.stg_events");
        modified.ShouldContain("model.acme_growth.stg_crm_contacts");
        modified.ShouldContain("identity.acme_growth.profiles");
    }

    [Fact]
    public void The_manifest_records_what_is_compared()
    {
        var manifest = System.Text.Json.JsonDocument.Parse(_project.Read("target/manifest.json")).RootElement.GetProperty("nodes");
        var view = manifest.GetProperty("model.acme_growth.stg_events");
        view.GetProperty("config_checksum").GetString()!.Length.ShouldBe(64);
        view.GetProperty("templates").GetProperty("models/view.sql.scriban").GetString()!.Length.ShouldBe(64);
        var identity = manifest.GetProperty("identity.acme_growth.profiles");
        identity.GetProperty("checksum").GetProperty("checksum").GetString()!.Length.ShouldBe(64);
        identity.GetProperty("templates").EnumerateObject().Select(p => p.Name).ShouldContain("macros/normalize.sql.scriban"); // an include, followed
    }

    [Fact]
    public void A_state_folder_without_a_manifest_is_an_error_naming_it()
    {
        var (code, _, stderr) = _project.Invoke(LsTask.Execute, _project.Options("state:modified") with { State = Path.Combine(_project.Root, "nowhere") });
        code.ShouldBe(ExitCodes.Failure);
        stderr.ShouldContain("error PIPES0131: --state: no manifest.json in");
    }

    [Fact]
    public async Task Defer_reads_unselected_parents_from_the_state_relations()
    {
        _project.Write("profiles.yml", "acme:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb, schema: main}\n    dev: {type: duckdb, path: target/test.duckdb, schema: dev}\n");
        _project.Run("build").ExitCode.ShouldBe(0);
        File.Copy(Path.Combine(_project.Root, "target", "manifest.json"), Path.Combine(_state, "manifest.json"), overwrite: true);
        var dev = _project.Options("account_overview") with { Target = "dev", State = _state };

        var (plainCode, plainOut, plainErr) = _project.Run("run", dev);
        plainCode.ShouldBe(ExitCodes.Failure, "without --defer the dev schema has no parents: " + plainOut);
        plainErr.ShouldContain("product_accounts");

        var (code, stdout, stderr) = _project.Run("run", dev with { Defer = true });
        code.ShouldBe(0, stdout + stderr);
        stdout.ShouldContain("unselected nodes read from");
        stdout.ShouldContain("product_accounts -> ");
        stdout.ShouldContain("\"main\".\"product_accounts\"");
        _project.Read("target/compiled/dev/001_model.acme_growth.account_overview.sql").ShouldContain("\"main\".\"product_accounts\"");
        await using var db = DuckDb.Open(_project);
        (await db.ScalarAsync("SELECT COUNT(*) FROM dev.account_overview")).ShouldBe(await db.ScalarAsync("SELECT COUNT(*) FROM main.account_overview"));
    }

    [Fact]
    public void Defer_without_state_is_an_error()
    {
        var (code, _, stderr) = _project.Invoke(LsTask.Execute, _project.Options() with { Defer = true });
        code.ShouldBe(ExitCodes.Failure);
        stderr.ShouldContain("error PIPES0133");
    }

    private void Append(string path, string text) => _project.Write(path, _project.Read(path) + text);

    private string[] Selected(string select)
    {
        var (code, stdout, stderr) = _project.Invoke(LsTask.Execute, _project.Options(select) with { State = _state });
        code.ShouldBe(0, stderr);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public void Dispose() => _project.Dispose();
}
