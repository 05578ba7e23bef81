using Pipes.Core.Targets.Snowflake;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Snowflake;

/// <summary>
/// <c>pipes debug</c> on a Snowflake output reads SHOW GRANTS TO ROLE (the loopback fake answers with the documented
/// columns, in a different order than Pipes needs them) and names every privilege the compiled SQL needs but lacks.
/// </summary>
public sealed class SnowflakeGrantCheckTests : IAsyncLifetime
{
    // SHOW GRANTS TO ROLE columns as Snowflake documents them.
    private static readonly FakeColumn[] GrantColumns =
        new[] { "created_on", "privilege", "granted_on", "name", "granted_to", "grantee_name", "grant_option", "granted_by" }
            .Select(c => new FakeColumn(c, c == "created_on" ? "timestamp_ltz" : c == "grant_option" ? "boolean" : "text")).ToArray();

    private SnowflakeSqlApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await SnowflakeSqlApiServer.StartAsync();
        _server.TrustedKey = SnowflakeTestKeys.Key;
        _server.Results[SnowflakeConnectionCheck.Query] = new FakeResult(
            [new("CURRENT_VERSION()", "text"), new("CURRENT_ROLE()", "text"), new("CURRENT_WAREHOUSE()", "text")], [["9.1.0", "TRANSFORMER", "PIPES_WH"]]);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string?[] Grant(string privilege, string on, string name, string to = "TRANSFORMER") =>
        ["1700000000.000000000", privilege, on, name, "ROLE", to, "false", "SYSADMIN"];

    /// <summary>Everything the project needs, spread over TRANSFORMER and the role it inherits, PIPES_READER.</summary>
    private void ScriptFullGrants(params string[] except)
    {
        var own = new List<string?[]>
        {
            Grant("USAGE", "WAREHOUSE", "PIPES_WH"),
            Grant("USAGE", "DATABASE", "ANALYTICS"),
            Grant("OWNERSHIP", "SCHEMA", "ANALYTICS.PIPES"),
            Grant("USAGE", "ROLE", "PIPES_READER"),
        };
        var reader = new List<string?[]>
        {
            Grant("USAGE", "DATABASE", "RAW", "PIPES_READER"),
            Grant("USAGE", "SCHEMA", "RAW.CRM", "PIPES_READER"),
            Grant("SELECT", "VIEW", "RAW.CRM.CONTACTS", "PIPES_READER"),
        };
        _server.Results[SnowflakeGrantCheck.Query("TRANSFORMER")] = new FakeResult(GrantColumns, own.Where(g => !except.Contains(g[3])).ToList());
        _server.Results[SnowflakeGrantCheck.Query("PIPES_READER")] = new FakeResult(GrantColumns, reader.Where(g => !except.Contains(g[3])).ToList());
    }

    [Fact]
    public void Every_privilege_the_compiled_sql_needs_is_required()
    {
        using var project = Project();
        var (loaded, _) = Pipes.Core.Load.ProjectLoader.Load(project.Root, project.Options().ToLoadOptions());
        var settings = TargetFactory.SnowflakeSettingsOf(loaded!.Output);

        SnowflakePrivileges.Required(loaded, settings).Select(p => $"{p.Privilege} {p.ObjectType} {p.ObjectName}").ShouldBe(new[]
        {
            "USAGE WAREHOUSE PIPES_WH",
            "USAGE DATABASE ANALYTICS",
            "USAGE SCHEMA ANALYTICS.PIPES",
            "CREATE TABLE SCHEMA ANALYTICS.PIPES",
            "CREATE VIEW SCHEMA ANALYTICS.PIPES",
            "CREATE FUNCTION SCHEMA ANALYTICS.PIPES",
            "USAGE DATABASE RAW",
            "USAGE SCHEMA RAW.CRM",
            "SELECT TABLE RAW.CRM.CONTACTS",
        }, ignoreOrder: true);
    }

    [Fact]
    public void A_role_with_every_grant_passes_through_ownership_and_an_inherited_role()
    {
        ScriptFullGrants();
        using var project = Project();

        var (code, stdout, stderr) = Debug(project);

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        stdout.ShouldContain("OK      grants: Role TRANSFORMER holds the 9 privileges the compiled SQL needs (read from 2 role(s)).");
        _server.Requests.Where(r => r.IsSubmit).Select(r => (string?)r.Json!["statement"]).ShouldContain(SnowflakeGrantCheck.Query("PIPES_READER"));
    }

    [Fact]
    public void Missing_privileges_are_named_with_the_grant_that_fixes_each()
    {
        ScriptFullGrants(except: ["ANALYTICS.PIPES", "RAW.CRM.CONTACTS"]);
        _server.Results[SnowflakeGrantCheck.Query("TRANSFORMER")] = new FakeResult(GrantColumns,
            [.. _server.Results[SnowflakeGrantCheck.Query("TRANSFORMER")].Rows, Grant("USAGE", "SCHEMA", "ANALYTICS.PIPES"), Grant("CREATE TABLE", "SCHEMA", "ANALYTICS.PIPES")]);
        using var project = Project();

        var (code, stdout, stderr) = Debug(project);

        code.ShouldBe(ExitCodes.Failure, stdout + stderr);
        var line = stdout.Split('\n').Single(l => l.Contains(" grants: Role"));
        line.ShouldStartWith("PROBLEM grants: Role TRANSFORMER lacks 3 of the privileges");
        line.ShouldContain("CREATE VIEW on schema ANALYTICS.PIPES (models materialized as views)");
        line.ShouldContain("CREATE FUNCTION on schema ANALYTICS.PIPES (the identity node's JavaScript UDTF)");
        line.ShouldContain("SELECT on table RAW.CRM.CONTACTS (source crm.contacts)");
        line.ShouldContain("Fix: GRANT CREATE VIEW ON SCHEMA ANALYTICS.PIPES TO ROLE TRANSFORMER; GRANT CREATE FUNCTION ON SCHEMA ANALYTICS.PIPES TO ROLE TRANSFORMER; GRANT SELECT ON TABLE RAW.CRM.CONTACTS TO ROLE TRANSFORMER;");
        line.ShouldNotContain("CREATE TABLE on");
    }

    [Fact]
    public void A_missing_schema_is_fine_when_the_role_may_create_it_and_a_problem_when_it_may_not()
    {
        ScriptFullGrants(except: ["ANALYTICS.PIPES"]);
        using var project = Project();

        var (code, stdout, _) = Debug(project);
        code.ShouldBe(ExitCodes.Failure);
        stdout.ShouldContain("lacks 4 of the privileges");
        stdout.ShouldContain("GRANT USAGE ON SCHEMA ANALYTICS.PIPES TO ROLE TRANSFORMER;");

        _server.Results[SnowflakeGrantCheck.Query("TRANSFORMER")] = new FakeResult(GrantColumns,
            [.. _server.Results[SnowflakeGrantCheck.Query("TRANSFORMER")].Rows, Grant("CREATE SCHEMA", "DATABASE", "ANALYTICS")]);
        (code, stdout, _) = Debug(project);
        code.ShouldBe(ExitCodes.Success, stdout);
        stdout.ShouldContain("Schema ANALYTICS.PIPES is not visible to it: Pipes creates it");
    }

    [Fact]
    public void Grants_that_cannot_be_read_are_a_problem_not_a_pass()
    {
        ScriptFullGrants();
        _server.Results[SnowflakeGrantCheck.Query("TRANSFORMER")] = new FakeResult([new FakeColumn("something_else", "text")], [["x"]]);
        using var project = Project();

        var (code, stdout, _) = Debug(project);

        code.ShouldBe(ExitCodes.Failure);
        stdout.ShouldContain("PROBLEM grants: Could not read the grants of role TRANSFORMER: SHOW GRANTS answered without a 'privilege' column");
    }

    private static (int ExitCode, string Stdout, string Stderr) Debug(TestProject project) =>
        project.Invoke((o, output) => DebugTask.ExecuteAsync(o, output, CancellationToken.None).GetAwaiter().GetResult());

    private TestProject Project()
    {
        var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: grants\nprofile: p\n",
            ["profiles.yml"] = $$$"""
                p:
                  target: prod
                  outputs:
                    prod:
                      type: snowflake
                      account: {{{SnowflakeSqlApiServer.Account}}}
                      user: {{{SnowflakeSqlApiServer.User}}}
                      private_key: "{{ env_var 'SNOWFLAKE_PRIVATE_KEY' }}"
                      role: TRANSFORMER
                      warehouse: PIPES_WH
                      database: ANALYTICS
                      schema: PIPES
                      host: 127.0.0.1
                      port: {{{_server.Port}}}
                      protocol: http
                """,
            ["seeds/accounts.csv"] = "user_id\nu_1\n",
            ["models/identity.yml"] = """
                identity:
                  id_types:
                    user_id: {priority: 1, limit: 1}
                seeds:
                  - name: accounts
                    identifiers: [{column: user_id, type: user_id}]
                sources:
                  - name: crm
                    database: raw
                    schema: crm
                    tables: [{name: contacts}]
                models:
                  - name: contacts_view
                    config: {materialized: view}
                """,
            ["models/contacts_view.sql"] = "SELECT * FROM {{ source \"crm\" \"contacts\" }}",
        });
        project.Environment["SNOWFLAKE_PRIVATE_KEY"] = SnowflakeTestKeys.Pem;
        return project;
    }
}
