using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Plan;

/// <summary>--select and --exclude on a small graph: raw → stg → mart → report, plus an unrelated tagged model.</summary>
public sealed class SelectionTests : IDisposable
{
    private readonly TestProject _project = new(new Dictionary<string, string>
    {
        ["pipes_project.yml"] = "name: t\n",
        ["seeds/raw.csv"] = "id\n1\n",
        ["models/staging/stg.sql"] = "SELECT * FROM {{ ref \"raw\" }}",
        ["models/marts/mart.sql"] = "SELECT * FROM {{ ref \"stg\" }} JOIN {{ source \"crm\" \"contacts\" }} USING (id)",
        ["models/marts/report.sql"] = "SELECT * FROM {{ ref \"mart\" }}",
        ["models/other/lonely.sql"] = "SELECT 1 AS id",
        ["models/schema.yml"] = "models:\n  - name: lonely\n    config: {tags: [nightly]}\n  - name: report\n    config: {tags: [nightly, finance]}\nsources:\n  - name: crm\n    tables: [{name: contacts}]\n",
    });

    [Theory]
    [InlineData("", "lonely,mart,raw,report,stg")]
    [InlineData("mart", "mart")]
    [InlineData("+mart", "mart,raw,stg")]
    [InlineData("mart+", "mart,report")]
    [InlineData("+mart+", "mart,raw,report,stg")]
    [InlineData("tag:nightly", "lonely,report")]
    [InlineData("path:models/marts", "mart,report")]
    [InlineData("source:crm+", "mart,report")]
    [InlineData("stg lonely", "lonely,stg")]
    public void Select_picks_the_documented_nodes(string select, string expected)
    {
        Selected(select.Length == 0 ? Array.Empty<string>() : new[] { select }, Array.Empty<string>()).ShouldBe(expected);
    }

    [Theory]
    [InlineData("+report", "stg", "mart,raw,report")]
    [InlineData("", "tag:finance", "lonely,mart,raw,stg")]
    [InlineData("", "path:models/marts raw", "lonely,stg")]
    public void Exclude_removes_after_select(string select, string exclude, string expected)
    {
        Selected(select.Length == 0 ? Array.Empty<string>() : new[] { select }, new[] { exclude }).ShouldBe(expected);
    }

    [Fact]
    public void Selection_keeps_run_order()
    {
        var (code, stdout, _) = _project.Invoke(LsTask.Execute, _project.Options("+report"));
        code.ShouldBe(0);
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(new[] { "seed.t.raw", "model.t.stg", "model.t.mart", "model.t.report" });
    }

    [Theory]
    [InlineData("mrt", "error PIPES0202: --select 'mrt' matches nothing; did you mean 'mart'?")]
    [InlineData("tag:nighty", "error PIPES0202: --select 'tag:nighty' matches nothing; did you mean 'nightly'?")]
    [InlineData("tags:nightly", "error PIPES0202: --select 'tags:nightly' uses unknown method 'tags'; did you mean 'tag'?")]
    [InlineData("++mart", "error PIPES0202: --select '++mart' is not a selector")]
    public void A_bad_selector_is_an_error_with_a_hint(string select, string message)
    {
        var (code, _, stderr) = _project.Invoke(LsTask.Execute, _project.Options(select));
        code.ShouldBe(ExitCodes.Failure);
        stderr.ShouldContain(message);
    }

    private string Selected(string[] select, string[] exclude)
    {
        var (code, stdout, stderr) = _project.Invoke(LsTask.Execute, _project.Options(select) with { Exclude = exclude });
        code.ShouldBe(0, stderr);
        return string.Join(",", stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(id => id.Split('.').Last()).Order(StringComparer.Ordinal));
    }

    public void Dispose() => _project.Dispose();
}
