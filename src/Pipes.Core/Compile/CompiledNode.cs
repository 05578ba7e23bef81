using Pipes.Core.Plan;

namespace Pipes.Core.Compile;

/// <summary>The SQL of one node: statements run in order, a Snowflake Scripting block counting as one.</summary>
public sealed record CompiledNode(Node Node, string Relation, string Materialization, IReadOnlyList<string> Statements)
{
    /// <summary>The text written to <c>target/compiled/&lt;target&gt;/</c>.</summary>
    public string Sql => string.Join(";\n\n", Statements) + ";\n";

    /// <summary>Whether the node leaves a table whose rows are worth counting.</summary>
    public bool BuildsTable => Materialization is not "view";
}
