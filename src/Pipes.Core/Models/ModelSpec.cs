using Scriban;

namespace Pipes.Core.Models;

public enum Materialization
{
    View,
    Table,
    Incremental,
}

/// <summary>A SQL model: its parsed template, configuration, and the refs and sources it calls.</summary>
public sealed record ModelSpec(
    string Name,
    string Path,
    Template? Template,
    Materialization Materialized,
    IReadOnlyList<string> UniqueKey,
    IReadOnlyList<string> Tags,
    string? Description,
    IReadOnlyList<ColumnSpec> Columns)
{
    /// <summary>Names of the models and seeds it refers to, sorted, distinct.</summary>
    public IReadOnlyList<string> Refs { get; init; } = Array.Empty<string>();

    /// <summary>Where each of <see cref="Refs"/> is first called.</summary>
    public IReadOnlyDictionary<string, Diagnostics.SourceSpan> RefSpans { get; init; } = new Dictionary<string, Diagnostics.SourceSpan>();

    /// <summary>(source, table) pairs it reads, sorted, distinct.</summary>
    public IReadOnlyList<(string Source, string Table)> SourceRefs { get; init; } = Array.Empty<(string, string)>();

    /// <summary>Set when the model is plain calls only; then <see cref="Template"/> is null and no Scriban parse was needed.</summary>
    public Models.SimpleModelTemplate? Simple { get; init; }

    /// <summary>The model's SELECT, rendered once while its references were collected.</summary>
    public string Sql { get; init; } = "";

    /// <summary>The SELECT rendered with <c>is_incremental = true</c>, for incremental models.</summary>
    public string? IncrementalSql { get; init; }

    /// <summary>SHA-256 of the SQL file, for the manifest.</summary>
    public string Checksum { get; init; } = "";
}
