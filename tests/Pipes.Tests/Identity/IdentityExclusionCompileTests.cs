using Pipes.Core.Compile;
using Pipes.Core.Load;
using Pipes.Core.Plan;
using Pipes.Tests.TestKit;
using Pipes.Core.Templating;

namespace Pipes.Tests.Identity;

/// <summary>
/// 40,000 exclusions compile into bounded statements on both dialects: INSERTs of 1,000 rows before the node's own
/// statements (before the script on Snowflake, so the script does not grow with the list), and no IN list.
/// </summary>
public sealed class IdentityExclusionCompileTests
{
    [Theory]
    [InlineData("local")]
    [InlineData("prod")]
    public void Forty_thousand_exclusions_are_forty_bounded_inserts(string target)
    {
        var excluded = Enumerable.Range(0, 40_000).Select(i => $"'blocked-{i:D5}@example.com'");
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: idtest\nprofile: p\n",
            ["profiles.yml"] = "p:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n    prod: {type: snowflake, account: acme-x, user: u, database: DB, schema: PIPES}\n",
            ["models/identity.yml"] = "identity:\n  id_types:\n    email: {priority: 1, normalize: [lowercase], exclude: ['Type-Only@x.io']}\n  exclude: [" + string.Join(", ", excluded) + "]\n"
                + "models:\n  - name: rows\n    identifiers:\n      - {column: email, type: email}\n",
            ["models/rows.sql"] = "SELECT 'a@x.io' AS email",
        });

        var (loaded, bag) = ProjectLoader.Load(project.Root, new LoadOptions { Target = target });
        var plan = Planner.Plan(loaded!, ["identity"], [], bag)!;
        var node = new Compiler(loaded!, new TemplateCatalog(project.Root, bag), new CompileOptions()).Compile(plan.Selected.Single(), bag)!;
        bag.HasErrors.ShouldBeFalse(string.Join("\n", bag.Items));

        var inserts = node.Statements.Where(s => s.StartsWith("INSERT INTO", StringComparison.Ordinal) && s.Contains("_EXCLUSION_VALUES", StringComparison.OrdinalIgnoreCase)).ToList();
        inserts.Count.ShouldBe(41); // 40,001 rows (one type-only) in chunks of 1,000
        node.Statements.Max(s => s.Length).ShouldBeLessThan(100_000);
        string.Concat(node.Statements).ShouldNotContain(" IN ('blocked");
        var firstOwnStatement = node.Statements.ToList().FindIndex(s => s.Contains("EXECUTE IMMEDIATE", StringComparison.Ordinal) || s.Contains("_ID_EXCLUSIONS\" AS", StringComparison.OrdinalIgnoreCase));
        firstOwnStatement.ShouldBeGreaterThan(node.Statements.ToList().FindLastIndex(s => inserts.Contains(s)));
    }
}
