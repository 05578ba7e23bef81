namespace Pipes.Core.Compile;

/// <summary>
/// One output table maintained in place (templates/outputs/publish.sql.scriban): its node computes
/// <see cref="Scratch"/>, publishing applies the difference to <see cref="Live"/>. <see cref="Key"/> identifies a row,
/// <see cref="Compared"/> are the other columns with their portable types; names are quoted for the dialect.
/// </summary>
public sealed record PublishedOutput(
    string Name,
    string NodeId,
    string Live,
    string Scratch,
    string Changes,
    IReadOnlyList<string> Key,
    IReadOnlyList<(string Column, string Type)> Compared,
    bool ChangeTracking)
{
    /// <summary>The shared table of rows inserted, updated and deleted per output, read by the run summary.</summary>
    public const string CountsTable = "pipes_output_changes";

    /// <summary>The scratch table a node computes an output into: <c>&lt;output&gt;_next</c>.</summary>
    public static string ScratchName(string output) => output + "_next";

    /// <summary>The difference computed while publishing: <c>&lt;output&gt;_changes</c>.</summary>
    public static string ChangesName(string output) => output + "_changes";
}
