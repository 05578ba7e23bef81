using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Explain;

/// <summary><c>pipes explain</c> on small adversarial graphs and on the sample project, computed by SQL in DuckDB.</summary>
public sealed class ExplainTests
{
    // A path u1 - a@x - dev-0001 - acct-1, a household email joining two users, and a kiosk shared by three users.
    private const string Rows = """
        user_id,email,device_id,account_id,seen
        u_0001,a@x.com,,,2026-01-01T00:00:00Z
        ,a@x.com,dev-0001,,2026-01-02T00:00:00Z
        ,,dev-0001,acct-1,2026-01-03T00:00:00Z
        u_0002,home@x.com,,,2026-01-04T00:00:00Z
        u_0003,home@x.com,,,2026-01-05T00:00:00Z
        u_0004,,kiosk-0001,,2026-01-06T00:00:00Z
        u_0005,,kiosk-0001,,2026-01-07T00:00:00Z
        u_0006,,kiosk-0001,,2026-01-08T00:00:00Z
        ,null,,,2026-01-09T00:00:00Z
        """;

    private static TestProject Built()
    {
        var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: x\nprofile: p\n",
            ["profiles.yml"] = "p:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n",
            ["seeds/rows.csv"] = Rows + "\n",
            ["models/identity.yml"] = """
                identity:
                  id_types:
                    user_id: {priority: 1, limit: 1}
                    email: {priority: 2, limit: 3, normalize: [lowercase]}
                    account_id: {priority: 3, limit: 1}
                    device_id: {priority: 4, limit: 10, max_links: {user_id: 2}}
                seeds:
                  - name: rows
                    observed_at: seen
                    identifiers:
                      - {column: user_id, type: user_id}
                      - {column: email, type: email}
                      - {column: device_id, type: device_id}
                      - {column: account_id, type: account_id}
                """,
        });
        var (code, stdout, stderr) = project.Run("build");
        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        return project;
    }

    [Fact]
    public void A_path_is_explained_link_by_link_with_the_rows_behind_it()
    {
        using var project = Built();

        var (code, stdout, _) = Explain(project, "account_id:acct-1");

        code.ShouldBe(0);
        stdout.ShouldContain("is in profile pf_");
        stdout.ShouldContain("(canonical user_id:u_0001), 4 identifiers");
        stdout.ShouldContain("Chain to user_id:u_0001 (3 links):");
        var links = stdout.Split('\n').Where(l => l.Contains(" -- ", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
        links.Count.ShouldBe(3);
        links[0].ShouldStartWith("account_id:acct-1 -- device_id:dev-0001   seed.rows row 3, observed 2026-01-03T00:00:00Z");
        links[1].ShouldStartWith("device_id:dev-0001 -- email:a@x.com   seed.rows row 2");
        links[2].ShouldStartWith("email:a@x.com -- user_id:u_0001   seed.rows row 1");
    }

    [Fact]
    public void Another_member_can_be_the_end_of_the_chain()
    {
        using var project = Built();

        var (_, stdout, _) = Explain(project, "user_id:u_0001", "email:A@X.COM");

        stdout.ShouldContain("Chain to email:a@x.com (1 link):");
    }

    [Fact]
    public void A_household_email_shows_the_edge_its_limit_refused()
    {
        using var project = Built();

        var (_, stdout, _) = Explain(project, "email:HOME@x.com");

        stdout.ShouldContain("(canonical user_id:u_0002), 2 identifiers");
        stdout.ShouldContain("email:home@x.com — user_id:u_0003 refused: it would give a profile more user_id values than its limit");
    }

    [Fact]
    public void A_kiosk_device_is_reported_over_connected()
    {
        using var project = Built();

        var (_, stdout, _) = Explain(project, "device_id:kiosk-0001");

        stdout.ShouldContain("1 identifiers");
        stdout.ShouldContain("over-connected: linked to 3 user_id values");
    }

    [Fact]
    public void A_dropped_or_unknown_identifier_says_why()
    {
        using var project = Built();

        Explain(project, "email:null").Stdout.ShouldContain("email:null is in no profile: its observations were dropped: placeholder (1)");
        Explain(project, "email:nobody@x.com").Stdout.ShouldContain("is in no profile: it was never observed");
        var (code, _, stderr) = Explain(project, "emial:a@x.com");
        code.ShouldBe(ExitCodes.Failure);
        stderr.ShouldContain("did you mean 'email'?");
    }

    [Fact]
    public void Every_identifier_of_the_sample_project_is_answered()
    {
        using var project = TestProject.SampleOnDuckDb();
        project.Run("build").ExitCode.ShouldBe(0);

        foreach (var id in new[] { "user_id:u_000101", "device_id:d3b07384-d113-4ec6-a3b5-00000ff1ce01", "email:test@example.com", "account_id:acct_10252" })
        {
            var (code, stdout, stderr) = Explain(project, id);
            code.ShouldBe(0, stderr);
            (stdout.Contains("is in profile pf_", StringComparison.Ordinal) || stdout.Contains("is in no profile", StringComparison.Ordinal)).ShouldBeTrue(stdout);
        }
    }

    private static (int ExitCode, string Stdout, string Stderr) Explain(TestProject project, string identifier, string? to = null) =>
        project.Invoke((o, output) => ExplainTask.ExecuteAsync(o, identifier, to, output, CancellationToken.None).GetAwaiter().GetResult());
}
