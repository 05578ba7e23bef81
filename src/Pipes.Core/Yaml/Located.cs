using Pipes.Core.Diagnostics;

namespace Pipes.Core.Yaml;

/// <summary>A value read from a project file with where it was written (dbt v2's Spanned&lt;T&gt;).</summary>
public sealed record Located<T>(T Value, SourceSpan Span)
{
    public override string ToString() => Value?.ToString() ?? "";
}
