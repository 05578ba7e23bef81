using Pipes.Core.Deploy;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Deploy;

/// <summary>
/// <c>pipes deploy</c>: the DDL of the sample (approved), the procedure body read back with Snowflake's own string
/// rules to the compiled statements, escaping of quotes, <c>$$</c> and backslashes, the statements sent to the
/// loopback SQL API, and the settings' errors. Nothing runs on a real Snowflake account.
/// </summary>
public sealed class DeployTests
{
    private static (int ExitCode, string Stdout, string Stderr) Deploy(TestProject project, string target, bool dryRun = true) =>
        project.Invoke((o, output) => DeployTask.ExecuteAsync(o, dryRun, output, CancellationToken.None).GetAwaiter().GetResult(),
            project.Options() with { Target = target });

    [Fact]
    public void Dry_run_of_the_sample_prints_the_approved_ddl_and_the_same_text_twice()
    {
        using var project = TestProject.CopyOfSample();
        var (code, stdout, stderr) = Deploy(project, "prod");
        code.ShouldBe(ExitCodes.Success, stderr);
        Approvals.Verify("Deploy.sample.snowflake", "sql", stdout);
        Deploy(project, "prod").Stdout.ShouldBe(stdout);
        // The task runs with the session parameters pipes pins on every SQL API request: the compiled SQL relies on them.
        var task = stdout.Split(";\n\n").Single(s => s.StartsWith("CREATE OR REPLACE TASK", StringComparison.Ordinal));
        foreach (var (key, value) in Pipes.Core.Targets.Snowflake.SnowflakeSessionParameters.Pinned) task.ShouldContain($"\n  {key} = '{value}'\n");
        // procedure, stream, task, resume: in that order (the task's WHEN names the stream, so the stream comes first)
        var firstLines = stdout.Split(";\n\n").Where(s => s.Length > 0).Select(s => s.Split('\n')[0]).ToList();
        firstLines.ShouldBe([
            "CREATE OR REPLACE PROCEDURE \"ANALYTICS\".\"PIPES\".\"PIPES_RUN_ACME_GROWTH\"()",
            "CREATE STREAM IF NOT EXISTS \"ANALYTICS\".\"PIPES\".\"PIPES_STREAM_AMPLITUDE_EVENTS\" ON TABLE \"ANALYTICS\".\"PIPES\".\"AMPLITUDE_EVENTS\"",
            "CREATE OR REPLACE TASK \"ANALYTICS\".\"PIPES\".\"PIPES_TASK_ACME_GROWTH\"",
            "ALTER TASK \"ANALYTICS\".\"PIPES\".\"PIPES_TASK_ACME_GROWTH\" RESUME",
        ]);
    }

    [Fact]
    public void Procedure_body_holds_every_compiled_statement_of_the_sample_in_order_unmangled()
    {
        using var project = TestProject.CopyOfSample();
        var (code, stdout, stderr) = Deploy(project, "prod");
        code.ShouldBe(ExitCodes.Success, stderr);
        project.Compile(project.Options() with { Target = "prod" }).ExitCode.ShouldBe(0);

        var executed = Executed(stdout);
        var compiled = CompiledStatements(project, "prod");
        executed.ShouldBe(compiled);
        // The identity node's UDTF and Scripting block hold $$ and its regexes backslashes: both survived.
        compiled.ShouldContain(s => s.Contains("$$", StringComparison.Ordinal));
        compiled.ShouldContain(s => s.Contains("\\\\", StringComparison.Ordinal));
    }

    [Fact]
    public void Procedure_runs_the_identity_stamp_with_its_own_run_id_and_time_and_asserts_error_level_tests()
    {
        using var project = TestProject.CopyOfSample();
        var (_, stdout, _) = Deploy(project, "prod");
        var body = Body(stdout);
        var stamps = SnowflakeStringReader.ConstantsAfter(body, "EXECUTE IMMEDIATE").Where(s => s.StartsWith("-- This run's id and time", StringComparison.Ordinal)).ToList();
        stamps.Count.ShouldBe(1);
        stamps[0].ShouldContain("CAST(UUID_STRING() AS VARCHAR)");
        stamps[0].ShouldContain("CAST(SYSDATE() AS TIMESTAMP_NTZ)");
        body.ShouldContain("test_failed_3 EXCEPTION (-20001, 'pipes: data test not_null_stg_events_event_id failed (severity error)");
        body.ShouldContain("IF (found > 0) THEN RAISE test_failed_3; END IF;");
        // seeds and pushes are named as left out, not silently dropped
        body.ShouldContain("-- not run: seed.acme_growth.amplitude_events (seed:");
        body.ShouldContain("-- not run: push.acme_growth.amplitude_prod (push:");
        // the stream is advanced by DML that reads it, before the project runs
        var advance = SnowflakeStringReader.ConstantsAfter(body, "EXECUTE IMMEDIATE").Take(2).ToList();
        advance.ShouldBe([
            "CREATE TRANSIENT TABLE IF NOT EXISTS \"ANALYTICS\".\"PIPES\".\"PIPES_DEPLOY_STREAM_ADVANCE\" (advanced BOOLEAN)",
            "INSERT INTO \"ANALYTICS\".\"PIPES\".\"PIPES_DEPLOY_STREAM_ADVANCE\" SELECT TRUE FROM \"ANALYTICS\".\"PIPES\".\"PIPES_STREAM_AMPLITUDE_EVENTS\" WHERE 0 = 1",
        ]);
    }

    [Fact]
    public void Quotes_dollars_and_backslashes_in_a_model_reach_execute_immediate_exactly()
    {
        const string model = """
            -- it's a comment with $$ and a \ backslash
            SELECT 'it''s' AS quoted, '$$' AS dollars, 'C:\\temp\\new' AS path, REGEXP_REPLACE('a b', '\\s', '') AS ws,
              $$raw 'text' with \ and ''$$ AS dollar_quoted, '\'' AS escaped_quote, '''' AS doubled_quote
            """;
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: quirky\nprofile: quirky\ndeploy:\n  schedule: \"*/15 * * * *\"\n  serverless_size: XSMALL\n",
            ["profiles.yml"] = "quirky:\n  target: prod\n  outputs:\n    prod: {type: snowflake, account: a, user: u, private_key_path: k, database: DB, schema: S, warehouse: WH}\n",
            ["models/quirky.sql"] = model,
        });
        var (code, stdout, stderr) = Deploy(project, "prod");
        code.ShouldBe(ExitCodes.Success, stderr);
        project.Compile(project.Options() with { Target = "prod" }).ExitCode.ShouldBe(0, stderr);

        var executed = Executed(stdout);
        executed.ShouldBe(CompiledStatements(project, "prod"));
        executed.ShouldContain(s => s.Contains(model, StringComparison.Ordinal));
        stdout.ShouldContain("USER_TASK_MANAGED_INITIAL_WAREHOUSE_SIZE = 'XSMALL'");
        stdout.ShouldContain("SCHEDULE = 'USING CRON */15 * * * * UTC'");
        stdout.ShouldNotContain("WAREHOUSE = ");
        stdout.ShouldNotContain("STREAM");
    }

    [Fact]
    public void Three_hundred_models_with_quotes_and_backslashes_all_reach_the_body_in_dependency_order()
    {
        var files = new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: many\nprofile: many\ndeploy:\n  schedule: \"0 3 * * *\"\n",
            ["profiles.yml"] = "many:\n  target: prod\n  outputs:\n    prod: {type: snowflake, account: a, user: u, private_key_path: k, database: DB, schema: S, warehouse: WH}\n",
            ["models/m000.sql"] = "SELECT 'a''b\\c $$' AS v",
        };
        // a chain: each model reads the one before it, so only the dependency order is right
        for (var i = 1; i < 300; i++) files[$"models/m{i:000}.sql"] = $"SELECT v || '\\{i}''' AS v FROM {{{{ ref \"m{i - 1:000}\" }}}}";
        using var project = new TestProject(files);
        var (code, stdout, stderr) = Deploy(project, "prod");
        code.ShouldBe(ExitCodes.Success, stderr);
        project.Compile(project.Options() with { Target = "prod" }).ExitCode.ShouldBe(0);

        var executed = Executed(stdout);
        executed.ShouldBe(CompiledStatements(project, "prod"));
        executed.Count(s => s.StartsWith("CREATE OR REPLACE VIEW", StringComparison.Ordinal)).ShouldBe(300);
        executed.IndexOf(executed.First(s => s.Contains("\"M299\" AS", StringComparison.Ordinal))).ShouldBeGreaterThan(executed.IndexOf(executed.First(s => s.Contains("\"M298\" AS", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Deploy_sends_the_dry_run_statements_to_the_sql_api_in_order_one_request_each()
    {
        await using var server = await SnowflakeSqlApiServer.StartAsync();
        using var project = SnowflakeSample.Project(server);
        var dry = Deploy(project, "prod");
        dry.ExitCode.ShouldBe(ExitCodes.Success, dry.Stderr);
        server.Requests.ShouldBeEmpty();

        var (code, stdout, stderr) = Deploy(project, "prod", dryRun: false);

        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        var sent = SnowflakeSample.Submitted(server);
        sent.ShouldBe(dry.Stdout.Split(";\n\n").Where(s => s.Length > 0).ToList());
        server.Requests.Count(r => r.IsSubmit).ShouldBe(4);
        foreach (var statement in sent) server.Executions(statement).ShouldBe(1);
        stdout.ShouldContain("it is resumed");
        (stdout + stderr).ShouldNotContain("PRIVATE KEY");
    }

    [Fact]
    public async Task A_statement_the_warehouse_refuses_stops_the_deploy_with_its_step_named()
    {
        await using var server = await SnowflakeSqlApiServer.StartAsync();
        using var project = SnowflakeSample.Project(server);
        server.Script.Enqueue(ScriptStep.Reply(422, ScriptStep.ErrorBody("003001", "42501", "SQL access control error: Insufficient privileges to operate on schema 'PIPES'")));

        var (code, _, stderr) = Deploy(project, "prod", dryRun: false);

        code.ShouldBe(ExitCodes.Failure);
        stderr.ShouldContain("PIPES0993: creating the procedure failed on 'prod'");
        stderr.ShouldContain("Insufficient privileges");
        server.Requests.Count(r => r.IsSubmit).ShouldBe(1);
    }

    [Theory]
    [InlineData("0 * * *", "PIPES0090", "has 4 fields")]
    [InlineData("61 * * * *", "PIPES0090", "has 61 as minute, outside 0-59")]
    [InlineData("0 24 * * *", "PIPES0090", "has 24 as hour, outside 0-23")]
    [InlineData("0 * * * FUNDAY", "PIPES0090", "has 'FUNDAY' as day-of-week")]
    [InlineData("0 */0 * * *", "PIPES0090", "has '*/0' as hour")]
    public void A_bad_cron_expression_is_an_error_at_its_position(string cron, string code, string message)
    {
        using var project = TestProject.CopyOfSample();
        project.Write("pipes_project.yml", project.Read("pipes_project.yml").Replace("schedule: \"0 * * * *\"", $"schedule: \"{cron}\"", StringComparison.Ordinal));
        var line = project.Read("pipes_project.yml").Split('\n').ToList().FindIndex(l => l.Contains("schedule:", StringComparison.Ordinal)) + 1;

        var (exit, stdout, stderr) = Deploy(project, "prod");

        exit.ShouldBe(ExitCodes.Failure);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain($"pipes_project.yml({line},13)");
        stderr.ShouldContain(code);
        stderr.ShouldContain(message);
    }

    [Fact]
    public void Valid_cron_forms_pass()
    {
        foreach (var cron in new[] { "*/15 * * * *", "0 6 * * MON-FRI", "0,30 8-18 1 JAN,JUL SUN", "0 0 L * *" })
        {
            using var project = TestProject.CopyOfSample();
            project.Write("pipes_project.yml", project.Read("pipes_project.yml").Replace("schedule: \"0 * * * *\"", $"schedule: \"{cron}\"", StringComparison.Ordinal));
            var (exit, stdout, stderr) = Deploy(project, "prod");
            exit.ShouldBe(ExitCodes.Success, cron + ": " + stderr);
            stdout.ShouldContain($"SCHEDULE = 'USING CRON {cron} UTC'");
        }
    }

    [Fact]
    public void An_unknown_stream_input_is_an_error_listing_the_known_inputs()
    {
        using var project = TestProject.CopyOfSample();
        project.Write("pipes_project.yml", project.Read("pipes_project.yml").Replace("seed.amplitude_events", "seed.amplitude_event", StringComparison.Ordinal));

        var (exit, _, stderr) = Deploy(project, "prod");

        exit.ShouldBe(ExitCodes.Failure);
        stderr.ShouldContain("PIPES0091: deploy.when_stream_has_data names 'seed.amplitude_event', which is no source table or seed of this project");
        stderr.ShouldContain("seed.amplitude_events");
    }

    [Fact]
    public void A_duckdb_target_is_refused()
    {
        using var project = TestProject.CopyOfSample();
        var (exit, stdout, stderr) = Deploy(project, "local");
        exit.ShouldBe(ExitCodes.Failure);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("PIPES0991: target 'local' is duckdb");
    }

    [Fact]
    public void A_project_without_a_deploy_section_is_told_what_to_add()
    {
        using var project = TestProject.CopyOfSample();
        var text = project.Read("pipes_project.yml");
        project.Write("pipes_project.yml", text[..text.IndexOf("# pipes deploy", StringComparison.Ordinal)]);
        var (exit, _, stderr) = Deploy(project, "prod");
        exit.ShouldBe(ExitCodes.Failure);
        stderr.ShouldContain("PIPES0990");
        stderr.ShouldContain("schedule:");
    }

    [Fact]
    public void Both_a_warehouse_and_a_serverless_size_is_an_error()
    {
        using var project = TestProject.CopyOfSample();
        project.Write("pipes_project.yml", project.Read("pipes_project.yml") + "  warehouse: W\n  serverless_size: SMALL\n");
        var (exit, _, stderr) = Deploy(project, "prod");
        exit.ShouldBe(ExitCodes.Failure);
        stderr.ShouldContain("PIPES0092: deploy sets both warehouse and serverless_size");
    }

    [Theory]
    [InlineData("  time_zone: UTC\n", "  time_zone: Mars/Olympus_Mons\n", "PIPES0093: deploy.time_zone 'Mars/Olympus_Mons' is not an IANA time zone name")]
    [InlineData("  time_zone: UTC\n", "  time_zone: UTC\n  serverless_size: HUGE\n", "PIPES0092: deploy.serverless_size 'HUGE' is not a size")]
    [InlineData("  time_zone: UTC\n", "  time_zone: UTC\n  wharehouse: W\n", "wharehouse")]
    public void Bad_compute_and_time_zone_settings_are_errors(string from, string to, string message)
    {
        using var project = TestProject.CopyOfSample();
        project.Write("pipes_project.yml", project.Read("pipes_project.yml").Replace(from, to, StringComparison.Ordinal));
        var (exit, stdout, stderr) = Deploy(project, "prod");
        exit.ShouldBe(ExitCodes.Failure);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain(message);
    }

    [Fact]
    public void A_time_zone_other_than_utc_reaches_the_schedule()
    {
        using var project = TestProject.CopyOfSample();
        project.Write("pipes_project.yml", project.Read("pipes_project.yml").Replace("time_zone: UTC", "time_zone: Europe/Paris", StringComparison.Ordinal));
        var (exit, stdout, stderr) = Deploy(project, "prod");
        exit.ShouldBe(ExitCodes.Success, stderr);
        stdout.ShouldContain("SCHEDULE = 'USING CRON 0 * * * * Europe/Paris'");
    }

    [Fact]
    public void A_map_remaining_property_model_is_refused_by_name()
    {
        using var project = TestProject.CopyOfSample();
        project.Write("models/properties.yml", project.Read("models/properties.yml").Replace(
            "key: {column: customer_id, type: customer_id}\n    updated_at: updated_at\n",
            "key: {column: customer_id, type: customer_id}\n    updated_at: updated_at\n    map_remaining: true\n", StringComparison.Ordinal));

        var (exit, stdout, stderr) = Deploy(project, "prod");

        exit.ShouldBe(ExitCodes.Failure);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("PIPES0992: property.acme_growth.billing cannot be deployed: its statements are produced at run time by pipes (map_remaining");
    }

    /// <summary>The procedure's body: the single-quoted constant after AS, decoded.</summary>
    private static string Body(string ddl)
    {
        var at = ddl.IndexOf("\nAS\n'", StringComparison.Ordinal);
        at.ShouldBeGreaterThan(0);
        return SnowflakeStringReader.Constant(ddl, at + 4).Value;
    }

    /// <summary>What the procedure runs, as the compiled files hold it: count wrappers removed; stamp, stream advance, kind drops and note queries left out (they are not statements of the compiled files).</summary>
    private static List<string> Executed(string ddl)
    {
        var result = new List<string>();
        var constants = SnowflakeStringReader.ConstantsAfter(Body(ddl), "EXECUTE IMMEDIATE");
        const string countStart = "SELECT COUNT(*) FROM (\n", countEnd = "\n) AS pipes_check";
        for (var i = 0; i < constants.Count; i++)
        {
            var s = constants[i];
            if (s.Contains("PIPES_DEPLOY_STREAM_ADVANCE", StringComparison.Ordinal) || s.StartsWith("-- This run's id and time", StringComparison.Ordinal)
                || s.StartsWith("SELECT COALESCE(LISTAGG(", StringComparison.Ordinal)) continue;
            if (s.StartsWith(countStart, StringComparison.Ordinal) && s.EndsWith(countEnd, StringComparison.Ordinal))
            {
                s = s[countStart.Length..^countEnd.Length];
                if (s.StartsWith("-- Finds ", StringComparison.Ordinal))
                {
                    // the probe's DROP follows it, run only when the probe finds a row
                    constants[i + 1].ShouldStartWith("DROP ");
                    i++;
                }
            }
            result.Add(s);
        }
        return result;
    }

    private static List<string> CompiledStatements(TestProject project, string target) =>
        Directory.EnumerateFiles(Path.Combine(project.Root, "target", "compiled", target)).Order(StringComparer.Ordinal)
            .Where(f => !Path.GetFileName(f).Contains("_seed.", StringComparison.Ordinal) && !Path.GetFileName(f).Contains("_push.", StringComparison.Ordinal))
            .SelectMany(f => File.ReadAllText(f)[..^2].Split(";\n\n"))
            .Where(s => !s.StartsWith("-- pipes: before every statement above", StringComparison.Ordinal)).ToList();
}
