using System.Text.RegularExpressions;
using Pipes.Core.Compile;
using Pipes.Core.Identity;
using Pipes.Core.Load;
using Pipes.Core.Plan;
using Pipes.Tests.TestKit;
using Pipes.Core.Templating;

namespace Pipes.Tests.Identity;

/// <summary>
/// Section 6 the way the Snowflake script runs it: the split UDTF and the limits argument taken from the identity
/// node compiled for Snowflake with the given rules, fed one partition per violating component with the rows of
/// templates/snowflake/identity/split_with_udtf.sql.scriban in its OVER clause's order.
/// </summary>
public sealed partial class SplitUdtf
{
    /// <summary>The OVER clause the input order below reproduces; a change in the template must change both.</summary>
    public const string OverClause = "OVER (PARTITION BY s.component ORDER BY s.kind DESC, s.strength, s.first_seen, s.node_key, s.later_key)";

    private SplitUdtf(SnowflakeJavaScriptUdtf udtf, string limits)
    {
        Udtf = udtf;
        Limits = limits;
    }

    public SnowflakeJavaScriptUdtf Udtf { get; }

    /// <summary>The LIMITS argument, as the compiled call passes it.</summary>
    public string Limits { get; }

    /// <summary>A canonical row (RefusedTo null) or a refusal row of the UDTF, with the partition it came from.</summary>
    public sealed record Output(int Partition, long NodeKey, long? CanonicalKey, long? RefusedTo, string? LimitType);

    /// <summary>Compiles a one-model project with these rules for Snowflake and takes the UDTF from its SQL.</summary>
    public static SplitUdtf Compile(IdentityRules rules)
    {
        // Priorities become ranks: YAML refuses equal priorities (random rules tie on purpose), and the limits
        // argument only depends on the order, which ranks keep. Edge strengths below use the real priorities.
        var types = string.Concat(rules.TypesInPriorityOrder().Select((t, rank) =>
            $"    {t.Name}: {{priority: {rank + 1}" + (t.Limit is { } l ? $", limit: {l}" : "")
            + (t.MaxLinks.Count > 0 ? ", max_links: {" + string.Join(", ", t.MaxLinks.Select(m => $"{m.Key}: {m.Value}")) + "}" : "") + "}\n"));
        var identifiers = string.Concat(rules.Types.Select(t => $"      - {{column: {t.Name}, type: {t.Name}}}\n"));
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: udtf\nprofile: p\n",
            ["profiles.yml"] = "p:\n  target: prod\n  outputs:\n    prod: {type: snowflake, account: acme-x, user: u, database: DB, schema: PIPES}\n",
            ["models/identity.yml"] = "identity:\n  id_types:\n" + types + "models:\n  - name: rows\n    identifiers:\n" + identifiers,
            ["models/rows.sql"] = "SELECT " + string.Join(", ", rules.Types.Select(t => $"'x' AS {t.Name}")),
        });
        var (loaded, bag) = ProjectLoader.Load(project.Root, new LoadOptions { Target = "prod" });
        bag.HasErrors.ShouldBeFalse(string.Join("\n", bag.Items));
        var plan = Planner.Plan(loaded!, ["identity"], [], bag)!;
        var node = new Compiler(loaded!, new TemplateCatalog(project.Root, bag), new CompileOptions()).Compile(plan.Selected.Single(), bag)!;
        bag.HasErrors.ShouldBeFalse(string.Join("\n", bag.Items));

        var sql = string.Join("\n", node.Statements);
        sql.ShouldContain(OverClause);
        var call = UdtfCall().Match(sql);
        call.Success.ShouldBeTrue("the compiled script calls the split UDTF with a limits literal");
        return new SplitUdtf(SnowflakeJavaScriptUdtf.FromSql(sql, "PIPES_ID_SPLIT_UDTF"), call.Groups["limits"].Value.Replace("''", "'"));
    }

    /// <summary>Runs the UDTF on the violating components of <paramref name="sql"/>, partitions in label order.</summary>
    public List<Output> Run(IdentityRules rules, OracleResult sql)
    {
        var (components, violating, nodes, edges) = SplitPipeline.SplitInput(rules, sql);
        var label = components.Labels;
        var priority = rules.Types.ToDictionary(t => t.Name, t => t.Priority, StringComparer.Ordinal);
        var typeOf = nodes.ToDictionary(n => n.Key, n => n.Type);

        // (component, kind, node_key, id_type, other_key, strength, first_seen, later_key) as the SELECT builds them.
        var rows = nodes.Select(n => (Component: label[n.Key - 1], Kind: "n", NodeKey: n.Key, IdType: (string?)n.Type, OtherKey: (long?)null,
                Strength: 0, FirstSeen: (DateTime?)null, LaterKey: n.Key))
            .Concat(edges.Select(e => (Component: label[e.A - 1], Kind: "e", NodeKey: Math.Min(e.A, e.B), IdType: (string?)null, OtherKey: (long?)Math.Max(e.A, e.B),
                Strength: Math.Max(priority[typeOf[e.A]], priority[typeOf[e.B]]), FirstSeen: (DateTime?)e.FirstSeen, LaterKey: Math.Max(e.A, e.B))));
        var partitions = rows
            .GroupBy(r => r.Component)
            .OrderBy(g => g.Key)
            .Select(g => g
                .OrderByDescending(r => r.Kind, StringComparer.Ordinal)
                .ThenBy(r => r.Strength)
                .ThenBy(r => r.FirstSeen ?? DateTime.MaxValue) // NULLS LAST, Snowflake's default for ASC; only node rows have none
                .ThenBy(r => r.NodeKey)
                .ThenBy(r => r.LaterKey)
                .Select(r => new object?[] { r.Kind, (double)r.NodeKey, r.IdType, r.OtherKey is { } o ? (double)o : null, Limits }))
            .ToList();
        violating.Count.ShouldBe(partitions.Count);

        return Udtf.Run(partitions).Select(o => new Output(
            o.Partition,
            SnowflakeJavaScriptUdtf.Long(o.Row["NODE_KEY"])!.Value,
            SnowflakeJavaScriptUdtf.Long(o.Row["CANONICAL_KEY"]),
            SnowflakeJavaScriptUdtf.Long(o.Row["REFUSED_TO"]),
            (string?)o.Row["LIMIT_TYPE"])).ToList();
    }

    [GeneratedRegex(@"PIPES_ID_SPLIT_UDTF""\(s\.kind, [^']*'(?<limits>(?:[^']|'')*)'\)\s*OVER \(PARTITION BY", RegexOptions.IgnoreCase)]
    private static partial Regex UdtfCall();
}
