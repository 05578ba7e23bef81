namespace Pipes.Core.Plan;

/// <summary>
/// One selection term, as dbt writes it: <c>name</c>, <c>tag:x</c>, <c>path:dir</c>, <c>source:x</c>,
/// <c>state:modified</c>, with graph operators <c>+name</c> / <c>2+name</c> (parents, all or to a depth),
/// <c>name+</c> / <c>name+1</c> (children) and <c>@name</c> (children and every parent of those children).
/// </summary>
public sealed record Selector(string Text, string Method, string Value, int ParentDepth, int ChildDepth, bool WithChildrenParents)
{
    /// <summary>No depth limit (<c>+name</c>).</summary>
    public const int All = int.MaxValue;

    public bool Parents => ParentDepth > 0;

    public bool Children => ChildDepth > 0;
}

/// <summary>Terms joined by commas: a node is selected when every term selects it (dbt's intersection).</summary>
public sealed record SelectorGroup(string Text, IReadOnlyList<Selector> Terms);
