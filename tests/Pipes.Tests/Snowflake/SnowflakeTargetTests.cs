using System.Text.Json.Nodes;
using Pipes.Core.Targets;
using Pipes.Core.Targets.Snowflake;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Snowflake;

public class SnowflakeTargetTests : IAsyncLifetime
{
    private static readonly StatementContext Context = new("model.acme.crm_enrichment", "pipes:acme:model.acme.crm_enrichment");
    private SnowflakeSqlApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await SnowflakeSqlApiServer.StartAsync();
        _server.TrustedKey = SnowflakeTestKeys.Key;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private SnowflakeTarget Target(SnowflakeSettings? settings = null, TimeProvider? time = null) =>
        SnowflakeTarget.Create(settings ?? _server.Settings(privateKey: SnowflakeTestKeys.Pem), time, randomizer: () => 0.5, retry: SnowflakeTestKeys.Fast);

    [Fact]
    public async Task Submits_one_statement_with_context_headers_and_a_verified_jwt()
    {
        await using var target = Target();

        var result = await target.ExecuteAsync("select 1", Context, CancellationToken.None);

        result.Rows.Single().ShouldBe(new object?[] { 1L });
        result.Columns.ShouldBe(["1"]);
        var post = _server.Requests.Single();
        post.IsSubmit.ShouldBeTrue();
        Guid.TryParse(post.QueryValue("requestId"), out _).ShouldBeTrue();
        post.QueryValue("retry").ShouldBeNull();
        post.Header("User-Agent").ShouldStartWith("pipes/");
        post.Header("X-Snowflake-Authorization-Token-Type").ShouldBe("KEYPAIR_JWT");
        post.Header("Accept").ShouldBe("application/json");
        var body = post.Json!;
        ((string?)body["statement"]).ShouldBe("select 1");
        ((int)body["timeout"]!).ShouldBe(600);
        ((string?)body["database"]).ShouldBe("ANALYTICS");
        ((string?)body["schema"]).ShouldBe("PIPES");
        ((string?)body["warehouse"]).ShouldBe("PIPES_WH");
        ((string?)body["role"]).ShouldBe("TRANSFORMER");
        ((string?)body["parameters"]!["MULTI_STATEMENT_COUNT"]).ShouldBe("1");
        ((string?)body["parameters"]!["QUERY_TAG"]).ShouldBe(Context.QueryTag);
        result.QueryId.ShouldNotBeNullOrEmpty();
        var claims = _server.VerifiedJwtClaims.Single();
        ((string?)claims["iss"]).ShouldEndWith(SnowflakeTestKeys.Fingerprint(SnowflakeTestKeys.Key));
    }

    [Fact]
    public async Task Reads_every_gzip_partition_in_order_with_typed_values()
    {
        _server.PartitionSize = 2;
        var rows = Enumerable.Range(1, 5).Select(i => new string?[] { i.ToString(), $"name {i}", i % 2 == 0 ? "true" : "false", null }).ToList();
        _server.Results["select * from t"] = new FakeResult(
            [new("ID", "fixed", 0, 38), new("NAME", "text"), new("ACTIVE", "boolean"), new("PROPS", "variant")], rows);
        await using var target = Target();

        var result = await target.ExecuteAsync("select * from t", Context, CancellationToken.None);

        result.Columns.ShouldBe(["ID", "NAME", "ACTIVE", "PROPS"]);
        result.Rows.Select(r => r[0]).ShouldBe([1L, 2L, 3L, 4L, 5L]);
        result.Rows[3].ShouldBe(new object?[] { 4L, "name 4", true, null });
        _server.Requests.Where(r => r.IsPartition).Select(r => r.QueryValue("partition")).ShouldBe(["1", "2"]);
    }

    [Fact]
    public async Task Stream_fetches_a_partition_only_when_the_reader_reaches_it()
    {
        _server.PartitionSize = 2;
        _server.Results["select id from big"] = new FakeResult([new("ID", "fixed", 0)], Enumerable.Range(1, 6).Select(i => new string?[] { $"{i}" }).ToList());
        await using var target = Target();

        var seen = new List<object?>();
        await foreach (var row in target.StreamAsync("select id from big", Context, CancellationToken.None))
        {
            seen.Add(row[0]);
            if (seen.Count == 2) _server.Requests.Count(r => r.IsPartition).ShouldBe(0);
            if (seen.Count == 3) _server.Requests.Count(r => r.IsPartition).ShouldBe(1);
        }

        seen.ShouldBe([1L, 2L, 3L, 4L, 5L, 6L]);
        _server.Requests.Count(r => r.IsPartition).ShouldBe(2);
    }

    [Fact]
    public async Task Polls_the_statement_handle_while_snowflake_answers_202()
    {
        _server.Script.Enqueue(ScriptStep.Accept());
        _server.PollsBeforeReady = 3;
        await using var target = Target();

        var result = await target.ExecuteAsync("select 1", Context, CancellationToken.None);

        result.Rows.Single().ShouldBe(new object?[] { 1L });
        var polls = _server.Requests.Where(r => r.IsPoll).ToList();
        polls.Count.ShouldBe(4);
        polls.ShouldAllBe(p => p.Path == $"/api/v2/statements/{result.QueryId}");
        _server.TotalExecutions.ShouldBe(1);
    }

    [Fact]
    public async Task Sql_failure_maps_code_state_handle_and_line()
    {
        _server.Script.Enqueue(ScriptStep.Reply(422, ScriptStep.ErrorBody("001003", "42000",
            "SQL compilation error:\nsyntax error line 2 at position 5 unexpected 'form'.", "01b2-handle")));
        await using var target = Target();

        var e = await Should.ThrowAsync<TargetException>(() => target.ExecuteAsync("select *\n from t", Context, CancellationToken.None));

        e.Code.ShouldBe("001003");
        e.SqlState.ShouldBe("42000");
        e.SqlLine.ShouldBe(2);
        e.QueryId.ShouldBe("01b2-handle");
        e.Message.ShouldContain("unexpected 'form'");
        _server.Requests.Count.ShouldBe(1); // a SQL error is not retried
    }

    [Fact]
    public async Task Storms_of_429_and_5xx_are_retried_with_the_same_request_id_and_retry_true()
    {
        foreach (var status in new[] { 429, 503, 429, 502, 503, 504, 429 })
        {
            _server.Script.Enqueue(ScriptStep.Reply(status, status == 429 ? ScriptStep.ErrorBody("390505", "", "Too many requests.") : null));
        }
        await using var target = Target();

        var result = await target.ExecuteAsync("select 1", Context, CancellationToken.None);

        result.Rows.Count.ShouldBe(1);
        var posts = _server.Requests.Where(r => r.IsSubmit).ToList();
        posts.Count.ShouldBe(8);
        posts.Select(p => p.QueryValue("requestId")).Distinct().Count().ShouldBe(1);
        posts.Skip(1).ShouldAllBe(p => p.QueryValue("retry") == "true");
        _server.Executions("select 1").ShouldBe(1);
    }

    [Fact]
    public async Task A_500_after_the_statement_ran_does_not_run_it_twice()
    {
        _server.Script.Enqueue(ScriptStep.RunThenReply(500));
        await using var target = Target();

        var result = await target.ExecuteAsync("insert into t values (1)", Context, CancellationToken.None);

        _server.Executions("insert into t values (1)").ShouldBe(1);
        _server.Requests.Count(r => r.IsSubmit).ShouldBe(2);
        result.QueryId.ShouldNotBeNull();
    }

    [Fact]
    public async Task Too_many_failures_give_up_with_the_status()
    {
        for (var i = 0; i < 20; i++) _server.Script.Enqueue(ScriptStep.Reply(503));
        await using var target = Target();

        var e = await Should.ThrowAsync<TargetException>(() => target.ExecuteAsync("select 1", Context, CancellationToken.None));

        e.Code.ShouldBe("HTTP503");
        _server.Requests.Count.ShouldBe(SnowflakeTestKeys.Fast.MaxRetryAttempts + 1);
    }

    [Fact]
    public async Task Scripting_block_goes_as_one_statement_and_returns_one_row()
    {
        const string block = "EXECUTE IMMEDIATE $$\nDECLARE\n  n INTEGER;\nBEGIN\n  n := (SELECT COUNT(*) FROM t);\n  INSERT INTO log VALUES (:n);\n  RETURN 'done';\nEND;\n$$";
        _server.Results[block] = FakeResult.Single("anonymous block", "text", "done");
        await using var target = Target();

        var result = await target.ExecuteAsync(block, Context, CancellationToken.None);

        result.Rows.Single().ShouldBe(new object?[] { "done" });
        var post = _server.Requests.Single();
        ((string?)post.Json!["statement"]).ShouldBe(block);
        ((string?)post.Json!["parameters"]!["MULTI_STATEMENT_COUNT"]).ShouldBe("1");
    }

    [Fact]
    public async Task DML_stats_become_rows_affected()
    {
        _server.Results["merge into t"] = new FakeResult([new("number of rows inserted", "fixed", 0), new("number of rows updated", "fixed", 0)],
            [["3", "4"]], new JsonObject { ["numRowsInserted"] = 3, ["numRowsUpdated"] = 4 });
        await using var target = Target();

        (await target.ExecuteAsync("merge into t", Context, CancellationToken.None)).RowsAffected.ShouldBe(7);
    }

    [Fact]
    public async Task Statement_timeout_408_is_reported_with_snowflakes_code()
    {
        _server.Script.Enqueue(ScriptStep.Reply(408, ScriptStep.ErrorBody("000630", "57014",
            "Statement reached its statement or warehouse timeout of 600 second(s) and was canceled.", "h-408")));
        await using var target = Target();

        var e = await Should.ThrowAsync<TargetException>(() => target.ExecuteAsync("select 1", Context, CancellationToken.None));

        e.Code.ShouldBe("000630");
        e.QueryId.ShouldBe("h-408");
        e.Message.ShouldContain("timed out");
    }
}
