using Pipes.Core.Diagnostics;
using Pipes.Core.Yaml;

namespace Pipes.Core.Properties;

/// <summary>An entry of <c>properties:</c>: typed columns of one relation, resolved to profiles through a key.</summary>
public sealed record PropertyModelSpec(
    Located<string> Name,
    Located<string> From,
    Located<string> KeyColumn,
    Located<string> KeyType,
    Located<string>? UpdatedAt,
    IReadOnlyList<PropertyColumnSpec> Columns,
    bool MapRemaining,
    SourceSpan Span)
{
    /// <summary><c>unique_key:</c> a column of the input; with an iterator, a row read later replaces the kept row with the same value.</summary>
    public Located<string>? UniqueKey { get; init; }
}
