using Pipes.Core.Diagnostics;
using Pipes.Core.Yaml;

namespace Pipes.Core.DataTests;

/// <summary>What a data test is attached to: a model, a seed or a source table (<see cref="Table"/> set).</summary>
public sealed record DataTestOwner(string Kind, string Name, string? Table = null)
{
    public string Label => Table is null ? Name : $"{Name}.{Table}";
}

/// <summary>
/// A data test declared in YAML: <c>unique</c>, <c>not_null</c>, <c>accepted_values</c> (values),
/// <c>relationships</c> (to, field) or <c>expression</c> (sql), on a column or on the whole relation.
/// </summary>
public sealed record DataTestSpec(
    DataTestOwner Owner,
    Located<string>? Column,
    Located<string> Kind,
    IReadOnlyList<Located<string>> Values,
    Located<string>? To,
    Located<string>? Field,
    Located<string>? Sql,
    Located<string> Severity,
    SourceSpan Span);
