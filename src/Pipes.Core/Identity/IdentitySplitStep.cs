using Scriban.Runtime;

using Pipes.Core.Steps;
using Pipes.Core.Templating;

namespace Pipes.Core.Identity;

/// <summary>
/// The ordered procedure of section 6 over the components that break a limit, run in the host with
/// <see cref="ConstrainedSplit"/>: <see cref="Prepare"/> marks those components, <see cref="NodesQuery"/>
/// (node_key, id_type) and <see cref="EdgesQuery"/> (from_key, to_key, first_seen) read only them, and the results are
/// written back with INSERTs that <see cref="CanonicalInsert"/> (<c>canonical_rows</c>: node, canonical) and
/// <see cref="RefusedInsert"/> (<c>refusal_rows</c>: from, to, limit type, order) render, <see cref="BatchRows"/> rows each.
/// </summary>
public sealed record IdentitySplitStep(
    IdentityRules Rules,
    IReadOnlyList<string> Prepare,
    string NodesQuery,
    string EdgesQuery,
    RunTimeTemplate CanonicalInsert,
    RunTimeTemplate RefusedInsert) : HostStep
{
    public string RenderCanonicalInsert(IReadOnlyList<(long Node, long Canonical)> rows) =>
        CanonicalInsert.Render(("canonical_rows", new ScriptArray(rows.Select(r => new ScriptArray { r.Node, r.Canonical }))));

    public string RenderRefusedInsert(IReadOnlyList<(RefusedEdge Edge, int Order)> rows) =>
        RefusedInsert.Render(("refusal_rows", new ScriptArray(rows.Select(r => new ScriptArray { r.Edge.FromKey, r.Edge.ToKey, r.Edge.LimitType, r.Order }))));

    /// <summary>Rows per rendered INSERT.</summary>
    public int BatchRows { get; init; } = 5000;

    public override IEnumerable<string> Describe()
    {
        foreach (var statement in Prepare) yield return statement;
        yield return "-- pipes: the runner reads the violating components, splits them with the ordered procedure in the host, and inserts the result\n"
            + "-- nodes: " + NodesQuery.ReplaceLineEndings(" ") + "\n-- edges: " + EdgesQuery.ReplaceLineEndings(" ") + "\n"
            + Comment("e.g. " + RenderCanonicalInsert([(1, 1)])) + "\n" + Comment("e.g. " + RenderRefusedInsert([(new RefusedEdge(1, 2, "type"), 1)]));
    }

    private static string Comment(string sql) => string.Join("\n", sql.Split('\n').Select(line => "-- " + line));
}
