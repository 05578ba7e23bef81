using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Plan;

/// <summary>
/// dbt's graph and set operators on a chain raw → stg → mart → report (mart also reads a source), a side branch
/// stg → side, and an unrelated tagged model: depth, @, intersection, quoted values.
/// </summary>
public sealed class SelectorSyntaxTests : IDisposable
{
    private readonly TestProject _project = new(new Dictionary<string, string>
    {
        ["pipes_project.yml"] = "name: t\n",
        ["seeds/raw.csv"] = "id\n1\n",
        ["models/staging/stg.sql"] = "SELECT * FROM {{ ref \"raw\" }}",
        ["models/staging/side.sql"] = "SELECT * FROM {{ ref \"stg\" }}",
        ["models/marts/mart.sql"] = "SELECT * FROM {{ ref \"stg\" }} JOIN {{ source \"crm\" \"contacts\" }} USING (id)",
        ["models/marts/report.sql"] = "SELECT * FROM {{ ref \"mart\" }}",
        ["models/marts/lonely.sql"] = "SELECT 1 AS id",
        ["models/schema.yml"] = "models:\n  - name: lonely\n    config: {tags: [nightly]}\n  - name: report\n    config: {tags: [nightly, finance]}\nsources:\n  - name: crm\n    tables: [{name: contacts}]\n",
    });

    [Theory]
    [InlineData("1+report", "mart,report")]
    [InlineData("2+report", "mart,report,stg")]
    [InlineData("+report", "mart,raw,report,stg")]
    [InlineData("raw+1", "raw,stg")]
    [InlineData("raw+2", "mart,raw,side,stg")]
    [InlineData("1+mart+1", "mart,report,stg")]
    [InlineData("@stg", "mart,raw,report,side,stg")]
    [InlineData("@mart", "mart,raw,report,stg")]
    [InlineData("tag:nightly,path:models/marts", "lonely,report")]
    [InlineData("tag:nightly,tag:finance", "report")]
    [InlineData("+report,path:models/staging", "stg")]
    [InlineData("'mart'", "mart")]
    [InlineData("\"mart\"+", "mart,report")]
    [InlineData("name:'report' lonely", "lonely,report")]
    public void Operators_select_as_dbt_does(string select, string expected) => Selected([select], []).ShouldBe(expected);

    [Theory]
    [InlineData("+report", "1+mart", "raw,report")]
    [InlineData("@stg", "tag:nightly,path:models/marts", "mart,raw,side,stg")]
    public void Exclude_takes_the_same_syntax(string select, string exclude, string expected) => Selected([select], [exclude]).ShouldBe(expected);

    [Theory]
    [InlineData("@+mart", "is not a selector")]
    [InlineData("mart+x", "is not a selector")]
    [InlineData("state:modifed", "state has no value 'modifed'; did you mean 'modified'?")]
    [InlineData("state:modified", "error PIPES0130: 'state:modified' compares with a previous run, but no --state was given")]
    [InlineData("tag:nightly,nope", "'nope' matches nothing")]
    public void Bad_terms_are_errors(string select, string message)
    {
        var (code, _, stderr) = _project.Invoke(LsTask.Execute, _project.Options(select));
        code.ShouldBe(ExitCodes.Failure);
        stderr.ShouldContain(message);
    }

    [Fact]
    public void A_model_name_a_selector_cannot_write_is_an_error_at_its_file()
    {
        _project.Write("models/marts/my report.sql", "SELECT 1 AS id");
        var (code, _, stderr) = _project.Invoke(LsTask.Execute, _project.Options());
        code.ShouldBe(ExitCodes.Failure);
        stderr.ShouldContain("models/marts/my report.sql(1,1): error PIPES0132: model name 'my report' cannot be selected");
    }

    [Fact]
    public void A_yaml_name_a_selector_cannot_write_is_an_error_at_its_line()
    {
        _project.Write("models/schema.yml", _project.Read("models/schema.yml").Replace("tables: [{name: contacts}]", "tables: [{name: contacts}, {name: \"old contacts\"}]", StringComparison.Ordinal));
        var (code, _, stderr) = _project.Invoke(LsTask.Execute, _project.Options());
        code.ShouldBe(ExitCodes.Failure);
        stderr.ShouldContain("models/schema.yml(8,39): error PIPES0132: source name 'crm.old contacts' cannot be selected");
    }

    private string Selected(string[] select, string[] exclude)
    {
        var (code, stdout, stderr) = _project.Invoke(LsTask.Execute, _project.Options(select) with { Exclude = exclude });
        code.ShouldBe(0, stderr);
        return string.Join(",", stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(id => id.Split('.').Last()).Order(StringComparer.Ordinal));
    }

    public void Dispose() => _project.Dispose();
}
