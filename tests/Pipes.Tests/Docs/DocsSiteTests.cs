using System.Net;
using System.Net.Sockets;
using Pipes.Core.Diagnostics;
using Pipes.Core.Docs;
using Pipes.Core.Load;
using Pipes.Core.Plan;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Docs;

/// <summary>
/// The generated site of the sample project, opened from file:// in headless Chromium: what it draws is checked
/// against the project's plan, the compiler and the DuckDB tables, and no page may log a console error.
/// </summary>
public sealed class DocsSiteTests(SampleSite site) : IClassFixture<SampleSite>
{
    private Project LoadProject()
    {
        var (project, bag) = ProjectLoader.Load(site.Project.Root, new LoadOptions { ProfilesDirectory = site.Project.Root, Environment = _ => null });
        bag.HasErrors.ShouldBeFalse();
        return project!;
    }

    [Fact]
    public void The_project_graph_draws_every_node_of_the_plan()
    {
        var plan = Planner.Plan(LoadProject(), [], [], new DiagnosticBag())!;
        site.Browser.Open(site.IndexUrl + "#/");

        var drawn = ((IEnumerable<object>)site.Browser.Js("return window.pipesDocsView.cy.nodes().map(n => n.id());")!).Cast<string>().Order(StringComparer.Ordinal).ToList();
        drawn.ShouldBe(plan.Order.Select(n => n.Id).Order(StringComparer.Ordinal).ToList());
        plan.Order.Select(n => n.Kind).Distinct().Order().ShouldBe([NodeKind.Seed, NodeKind.Model, NodeKind.Identity, NodeKind.Property, NodeKind.Push, NodeKind.Test]);
        site.Browser.Js<long>("return window.pipesDocsView.cy.edges().length;").ShouldBe(plan.Order.Sum(n => n.DependsOn.Count));
        // Laid out inside the visible graph, not stacked at the origin.
        site.Browser.Js<long>("const cy = window.pipesDocsView.cy; return new Set(cy.nodes().map(n => Math.round(n.renderedPosition('x')) + ',' + Math.round(n.renderedPosition('y')))).size;")
            .ShouldBe(plan.Order.Count);
        site.Browser.Screenshot(Path.Combine(SampleSite.Artifacts, "project.png"));
        site.Browser.ConsoleErrors().ShouldBeEmpty();
    }

    [Fact]
    public void The_page_selects_the_same_nodes_as_the_cli()
    {
        var project = LoadProject();
        site.Browser.Open(site.IndexUrl + "#/");
        var cases = new (string Select, string Exclude)[]
        {
            ("+identity", ""), ("stg_events+", ""), ("tag:marts", ""), ("path:models/staging", ""), ("resource_type:seed", ""),
            ("+amplitude_prod account_overview+", ""), ("identity+", "resource_type:test"), ("source:crm", ""), ("+crm", "tag:staging"),
        };
        foreach (var (select, exclude) in cases)
        {
            var bag = new DiagnosticBag();
            var cli = Planner.Plan(project, select.Length == 0 ? [] : [select], exclude.Length == 0 ? [] : [exclude], bag);
            site.Browser.Go($"#/?select={Uri.EscapeDataString(select)}&exclude={Uri.EscapeDataString(exclude)}");
            var listed = site.Browser.Texts("#selection-list li a");
            if (bag.HasErrors)
            {
                site.Browser.Text("#dag-status").ShouldContain("matches nothing", customMessage: select);
                continue;
            }
            listed.ShouldBe(cli!.Selected.Select(n => n.Id).ToList(), $"--select '{select}' --exclude '{exclude}'");
            listed.Count.ShouldBeGreaterThan(0, select);
        }
        site.Browser.Go("#/?select=" + Uri.EscapeDataString("nosuch"));
        site.Browser.Text("#dag-status").ShouldBe("--select 'nosuch' matches nothing");
        site.Browser.ConsoleErrors().ShouldBeEmpty();
    }

    [Fact]
    public void A_node_page_shows_the_compiled_sql_of_each_target_and_the_last_run()
    {
        const string id = "model.acme_growth.stg_events";
        site.Browser.Open(site.IndexUrl + "#/node/" + Uri.EscapeDataString(id));

        var local = site.Project.Read(Path.Combine("target", "compiled", "local", Directory.GetFiles(Path.Combine(site.Project.Root, "target", "compiled", "local"), "*" + id + ".sql").Single().Split('/').Last()));
        site.Browser.Js<string>("return document.querySelector('pre.compiled-sql[data-target=local]').textContent;").ShouldBe(local);
        var prod = site.Browser.Js<string>("return document.querySelector('pre.compiled-sql[data-target=prod]').textContent;");
        prod.ShouldNotBe(local);
        prod.ShouldContain("stg_events");
        site.Browser.Text("#last-run").ShouldContain("success");
        site.Browser.Texts("#columns tbody td:first-child").ShouldContain("event_id");
        site.Browser.Texts("#tests tbody a").ShouldContain("test.acme_growth.unique_stg_events_event_id");
        site.Browser.Screenshot(Path.Combine(SampleSite.Artifacts, "node.png"));
        site.Browser.ConsoleErrors().ShouldBeEmpty();
    }

    [Fact]
    public async Task The_identity_histogram_totals_the_profiles_of_the_target()
    {
        var profiles = await site.Scalar<long>("SELECT COUNT(*) FROM pipes_profiles");
        var identifiers = await site.Scalar<long>("SELECT COUNT(*) FROM pipes_id_graph");
        site.Browser.Open(site.IndexUrl + "#/identity");

        site.Browser.Js<long>("return window.pipesDocsView.histogram.data.datasets[0].data.reduce((a, b) => a + b, 0);").ShouldBe(profiles);
        site.Browser.Text("#histogram-table tfoot").ShouldBe("total " + profiles.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        // Size times count over the bars is every identifier of the graph.
        site.Browser.Js<long>("return Array.from(document.querySelectorAll('#histogram-table tbody tr')).reduce((s, r) => s + Number(r.cells[0].textContent.replace(/,/g, '')) * Number(r.cells[1].textContent.replace(/,/g, '')), 0);")
            .ShouldBe(identifiers);
        site.Browser.Text("#fig-profiles").ShouldBe(profiles.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        site.Browser.Js<long>("return document.querySelector('#histogram').width;").ShouldBeGreaterThan(0);
        site.Browser.Texts("#rules li").Count.ShouldBe(LoadProject().Identity!.Rules.Types.Count);
        site.Browser.Texts("#refused-by-limit tbody td:last-child").Sum(t => long.Parse(t, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(await site.Scalar<long>("SELECT COUNT(*) FROM pipes_id_refused_edges"));
        site.Browser.Texts("#invalid tbody tr").Count.ShouldBe((int)await site.Scalar<long>("SELECT COUNT(*) FROM pipes_id_invalid"));
        site.Browser.Texts("#rounds tbody tr").Count.ShouldBe((int)await site.Scalar<long>("SELECT COUNT(*) FROM pipes_id_rounds"));
        var history = await site.Rows("SELECT event, COUNT(*) FROM pipes_id_history GROUP BY event ORDER BY event");
        history.Count.ShouldBeGreaterThan(0);
        site.Browser.Texts("#history-runs tbody tr").Select(r => string.Join(' ', r.Split(' ').Skip(2).Take(2)))
            .ShouldBe(history.Select(r => $"{r[0]} {Convert.ToInt64(r[1]):N0}").ToList());
        site.Browser.Screenshot(Path.Combine(SampleSite.Artifacts, "identity.png"));
        site.Browser.ConsoleErrors().ShouldBeEmpty();
    }

    [Fact]
    public async Task Searching_the_email_of_a_sample_person_draws_the_profile_pipes_explain_gives()
    {
        var project = LoadProject();
        Explanation explained;
        await using (var target = TargetFactory.Open(project))
            explained = await new IdentityExplainer(project, target, new Pipes.Core.Templating.TemplateCatalog(project.RootDirectory, new Pipes.Core.Diagnostics.DiagnosticBag())).ExplainAsync("email", "Liam.Muller@hoolidyne003.com", null, CancellationToken.None);
        explained.ProfileId.ShouldNotBeNull();

        site.Browser.Open(site.IndexUrl + "#/profiles");
        site.Browser.Find("#profile-search").SendKeys("email:Liam.Muller@hoolidyne003.com");
        site.Browser.Js("window.pipesDocsView.ready = false;");
        site.Browser.Find("#search").Click();
        site.Browser.Open(site.IndexUrl + site.Browser.Js<string>("return location.hash;")); // the click routed; reload to wait on ready

        site.Browser.Text("#profile-id").ShouldBe(explained.ProfileId);
        var members = ((IEnumerable<object>)site.Browser.Js("return window.pipesDocsView.profileCy.nodes().not('.outside').map(n => n.data('label'));")!).Cast<string>().Order(StringComparer.Ordinal).ToList();
        members.ShouldBe(explained.Members.Select(m => $"{m.Type}:{m.Value}").Order(StringComparer.Ordinal).ToList());
        members.ShouldContain("email:liam.muller@hoolidyne003.com");
        // The drawn links connect every member (a profile is a connected component of its links).
        site.Browser.Js<long>("return window.pipesDocsView.profileCy.elements().not('.outside').not('.refused').components().length;").ShouldBe(1);
        var refused = site.Browser.Js<long>("return window.pipesDocsView.profileCy.edges('.refused').length;");
        refused.ShouldBe(await site.Scalar<long>($"SELECT COUNT(*) FROM (SELECT DISTINCT r.from_key, r.to_key FROM pipes_id_refused_edges r JOIN pipes_id_graph g ON g.node_key IN (r.from_key, r.to_key) WHERE g.profile_id = '{explained.ProfileId}')"));
        // pipes explain lists the refusals of the identifier it is asked about: the picture has the same ones at that member.
        Explanation account;
        await using (var target = TargetFactory.Open(project))
            account = await new IdentityExplainer(project, target, new Pipes.Core.Templating.TemplateCatalog(project.RootDirectory, new Pipes.Core.Diagnostics.DiagnosticBag())).ExplainAsync("account_id", "acct_10003", null, CancellationToken.None);
        account.Refused.Count.ShouldBeGreaterThan(0);
        site.Browser.Js<long>("const cy = window.pipesDocsView.profileCy; const n = cy.nodes().filter(x => x.data('label') === 'account_id:acct_10003'); return n.connectedEdges('.refused').length;")
            .ShouldBe(account.Refused.Count);
        site.Browser.Texts("#links tbody tr").Count.ShouldBeGreaterThanOrEqualTo(members.Count - 1);
        site.Browser.Screenshot(Path.Combine(SampleSite.Artifacts, "profile.png"));

        site.Browser.Go("#/profiles/" + Uri.EscapeDataString("email:nobody@nowhere.example"));
        site.Browser.Text("#profile-result").ShouldStartWith("email:nobody@nowhere.example is in none of the");
        site.Browser.Go("#/profiles/" + Uri.EscapeDataString("emial:x@y.z"));
        site.Browser.Text("#profile-result").ShouldContain("not <type>:<value> with a declared id type");
        site.Browser.ConsoleErrors().ShouldBeEmpty();
    }

    [Fact]
    public async Task The_delivery_page_counts_every_property_reject_and_what_each_destination_left_out()
    {
        site.Browser.Open(site.IndexUrl + "#/delivery");
        var rejects = await site.Scalar<long>("SELECT COUNT(*) FROM pipes_property_rejects");
        rejects.ShouldBeGreaterThan(0);
        site.Browser.Text("#rejects tfoot").ShouldContain(rejects.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        site.Browser.Texts("#rejects tbody tr").Count.ShouldBe((int)await site.Scalar<long>("SELECT COUNT(*) FROM (SELECT DISTINCT model, column_name, reason FROM pipes_property_rejects)"));
        var skipped = await site.Scalar<long>("SELECT COUNT(*) FROM pipes_amplitude_profiles_skipped");
        site.Browser.Text("table.skipped").ShouldContain(skipped.ToString(System.Globalization.CultureInfo.InvariantCulture));
        site.Browser.Texts("table.push-counts").Count.ShouldBe(3);
        site.Browser.Screenshot(Path.Combine(SampleSite.Artifacts, "delivery.png"));
        site.Browser.ConsoleErrors().ShouldBeEmpty();
    }

    [Fact]
    public async Task After_a_real_push_the_delivery_page_lists_the_push_log_by_outcome_and_reason_as_the_target_holds_it()
    {
        await using var amplitude = await AmplitudeServer.StartAsync("docs-test-key");
        // The first batch is refused in part (two events with invalid properties, as Amplitude documents the reply), the rest is accepted.
        amplitude.Script.Enqueue(AmplitudeStep.Reply(400, "{\"code\":400,\"error\":\"Invalid field values on some events\",\"events_with_invalid_fields\":{\"user_properties\":[0,1]},\"events_with_missing_fields\":{}}"));
        using var project = TestProject.CopyOfSample();
        project.Environment["AMPLITUDE_API_KEY"] = "docs-test-key";
        project.Write("models/properties.yml", project.Read("models/properties.yml").Replace("    dry_run: true", $"    dry_run: false\n    endpoint: {amplitude.BatchUri}"));
        project.Run("build").ExitCode.ShouldBe(ExitCodes.Success);
        SampleSite.Generate(project).ExitCode.ShouldBe(ExitCodes.Success);
        IReadOnlyList<string> expected;
        await using (var db = DuckDb.Open(project, "target/pipes.duckdb"))
            expected = (await db.QueryAsync("SELECT outcome, COALESCE(reason, ''), COUNT(*) FROM pipes_push_log WHERE destination = 'amplitude_prod' GROUP BY 1, 2 ORDER BY 1, 2"))
                .Select(r => $"{r[0]} {r[1]} {r[2]:N0}".Replace("  ", " ")).ToList();
        expected.ShouldContain(e => e.StartsWith("refused ", StringComparison.Ordinal));

        site.Browser.Open(new Uri(Path.Combine(project.Root, "target", "docs", "index.html")).AbsoluteUri + "#/delivery");

        site.Browser.Js<long>("return document.querySelectorAll('table.push-log tbody tr').length;").ShouldBe(expected.Count);
        var cells = ((IEnumerable<object>)site.Browser.Js("return Array.from(document.querySelectorAll('table.push-log tbody tr')).map(r => [r.cells[0].textContent, r.cells[1].textContent, r.cells[2].textContent].filter(c => c !== '').join(' '));")!).Cast<string>().ToList();
        cells.ShouldBe(expected);
        site.Browser.ConsoleErrors().ShouldBeEmpty();
    }

    [Fact]
    public async Task Docs_serve_serves_the_site_on_loopback_and_nothing_outside_it()
    {
        var port = FreePort();
        using var server = new DocsServer(site.SiteDirectory, port);
        server.Start();
        using var stop = new CancellationTokenSource();
        var serving = server.ServeAsync(stop.Token);
        using var http = new HttpClient();

        (await http.GetAsync(server.Address + "data.js")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.GetAsync(server.Address + "vendor/cytoscape.min.js")).Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        (await http.GetAsync(server.Address + "..%2f..%2fpipes_project.yml")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync(server.Address + "nosuch.js")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.PostAsync(server.Address + "index.html", new StringContent(""))).StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        site.Browser.Open(server.Address + "#/identity");
        site.Browser.Text("#fig-profiles").ShouldNotBeEmpty();
        site.Browser.ConsoleErrors().ShouldBeEmpty();
        stop.Cancel();
        await serving.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
