using Scriban.Runtime;

namespace Pipes.Core.Compile;

/// <summary>
/// One output table maintained in place (templates/outputs/publish.sql.scriban): its node computes
/// <see cref="Scratch"/>, publishing applies the difference to <see cref="Live"/>. <see cref="Key"/> identifies a row,
/// <see cref="Compared"/> are the other columns with their portable types; names are quoted for the dialect.
/// <see cref="Counts"/> is the table the rows inserted, updated and deleted go to, by <see cref="Name"/> and <see cref="NodeId"/>.
/// </summary>
public sealed record PublishedOutput(
    string Name,
    string NodeId,
    string Live,
    string Scratch,
    string Changes,
    string Counts,
    IReadOnlyList<string> Key,
    IReadOnlyList<(string Column, string Type)> Compared,
    bool ChangeTracking)
{
    /// <summary>Snowflake DATA_RETENTION_TIME_IN_DAYS set at creation (tables Amplitude reads by change data capture); null leaves the account's.</summary>
    public int? RetentionDays { get; init; }

    /// <summary>
    /// A relation holding the keys (the <see cref="Key"/> columns) this run may change; null: the whole table. With a
    /// scope, <see cref="Scratch"/> needs only the rows of keys in scope, and publishing compares and writes only
    /// those: a live key in scope that the scratch lacks is deleted, a key out of scope is never read or written.
    /// </summary>
    public string? Scope { get; init; }

    /// <summary>Compute the difference only: the live table receives no DELETE or MERGE and the counts table nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>The shared table of rows inserted, updated and deleted per output, read by the run summary.</summary>
    public const string CountsTable = "pipes_output_changes";

    /// <summary>
    /// The shared record of the portable type each output's columns were last published with (keys as <c>key</c>):
    /// the column guard (templates/outputs/drop_other_columns.sql.scriban) compares it with this run's types, since a
    /// catalog's own type names do not say which portable type a column holds.
    /// </summary>
    public const string ColumnTypesTable = "pipes_output_columns";

    /// <summary>The relation of <see cref="ColumnTypesTable"/>.</summary>
    public required string ColumnTypes { get; init; }

    /// <summary>Each column's name as the catalog stores it, with its portable type (<c>key</c> for a key column).</summary>
    public IEnumerable<(string Name, string Type)> CatalogColumns =>
        Key.Select(k => (CatalogName(k), "key")).Concat(Compared.Select(c => (CatalogName(c.Column), c.Type)));

    /// <summary>A quoted identifier's name as the catalog stores it.</summary>
    public static string CatalogName(string quoted) => quoted[1..^1].Replace("\"\"", "\"");

    /// <summary>The template's <c>o</c>.</summary>
    public ScriptObject ToScript() => new()
    {
        ["name"] = Name,
        ["node_id"] = NodeId,
        ["live"] = Live,
        ["scratch"] = Scratch,
        ["changes"] = Changes,
        ["counts"] = Counts,
        ["key"] = new ScriptArray(Key),
        ["compared"] = new ScriptArray(Compared.Select(c => new ScriptObject { ["name"] = c.Column, ["type"] = c.Type })),
        ["columns"] = new ScriptArray(Key.Concat(Compared.Select(c => c.Column))),
        ["change_tracking"] = ChangeTracking,
        ["retention_days"] = RetentionDays,
        ["dry_run"] = DryRun,
        ["column_types_table"] = ColumnTypes,
        ["column_types"] = new ScriptArray(CatalogColumns.Select(c => new ScriptObject { ["name"] = c.Name, ["type"] = c.Type })),
        ["scope"] = Scope,
    };
}
