namespace Pipes.Core.Properties;

/// <summary>
/// The names of the tables property models and destinations create, published or kept beside them. Loading checks
/// <c>outputs.tables</c> and every declaration's names against them before anything compiles (one table, one owner),
/// so the names live here, below both.
/// </summary>
public static class PublishedTables
{
    public static string Property(string model) => $"pipes_property_{model}";

    /// <summary>A property model's kept input rows (kept across runs, not published).</summary>
    public static string PropertyRows(string model) => $"pipes_property_rows_{model}";

    /// <summary>A property model's work table of one step of its run (<see cref="PropertyWorkSteps"/>).</summary>
    public static string PropertyWork(string step, string model) => $"pipes_properties_{step}_{model}";

    /// <summary>The steps of a property model's run that keep a work table (docs/properties.md, Incremental runs).</summary>
    public static readonly IReadOnlyList<string> PropertyWorkSteps = ["dirty", "reset", "read", "incoming", "contest", "removed", "added", "moved"];

    /// <summary>Values that could not be typed, of every property model.</summary>
    public const string PropertyRejects = "pipes_property_rejects";

    /// <summary>Input rows whose key matches no profile, of every property model.</summary>
    public const string PropertyUnmatched = "pipes_property_unmatched";

    /// <summary>Each property model's state as of its last completed run.</summary>
    public const string PropertiesState = "pipes_properties_state";

    public static string Push(string destination) => $"pipes_push_{destination}";

    /// <summary>Profiles with a property value that no Amplitude identity of a push destination carries, with the reason.</summary>
    public static string PushLeftOut(string destination) => $"pipes_push_{destination}_left_out";

    /// <summary>A push's snapshot of the rows to send, dropped when the push ends well.</summary>
    public static string PushPending(string destination) => $"pipes_push_pending_{destination}";

    /// <summary>What Amplitude holds, per destination and identity; and every row a push looked at.</summary>
    public const string PushState = "pipes_push_state", PushLog = "pipes_push_log";

    /// <summary>The table Amplitude reads for a warehouse-native destination.</summary>
    public static string Warehouse(string destination) => $"pipes_amplitude_{destination}";

    /// <summary>What a warehouse-native destination left out (a profile without a user_id, an event Amplitude cannot take), by reason.</summary>
    public static string WarehouseSkipped(string destination) => Warehouse(destination) + "_skipped";

    /// <summary>A dry run's copy of a warehouse-native table with retyped columns, dropped at its end.</summary>
    public static string WarehousePreview(string destination) => Warehouse(destination) + "_preview";

    /// <summary>The scratch table a node computes an output into: <c>&lt;output&gt;_next</c>.</summary>
    public static string Scratch(string output) => output + "_next";

    /// <summary>The keys a node may change in an output it publishes with a scope: <c>&lt;output&gt;_scope</c>.</summary>
    public static string Scope(string output) => output + "_scope";

    /// <summary>The difference computed while publishing: <c>&lt;output&gt;_changes</c>.</summary>
    public static string Changes(string output) => output + "_changes";

    /// <summary>A published output with the tables publishing it takes.</summary>
    public static IEnumerable<string> WithPublishing(string output) => [output, Scratch(output), Scope(output), Changes(output)];

    /// <summary>Tables every property model or push destination writes into, shared rather than owned.</summary>
    public static readonly IReadOnlyList<string> Shared = [PropertyRejects, PropertyUnmatched, PropertiesState, PushState, PushLog];

    /// <summary>Every table a property model creates for itself.</summary>
    public static IEnumerable<string> CreatedBy(PropertyModelSpec model) =>
        WithPublishing(Property(model.Name.Value)).Append(PropertyRows(model.Name.Value)).Concat(PropertyWorkSteps.Select(step => PropertyWork(step, model.Name.Value)));

    /// <summary>Every table a destination creates for itself.</summary>
    public static IEnumerable<string> CreatedBy(DestinationSpec destination)
    {
        var name = destination.Name.Value;
        return destination.IsWarehouseTable
            ? WithPublishing(Warehouse(name)).Append(WarehouseSkipped(name)).Append(WarehousePreview(name))
            : WithPublishing(Push(name)).Append(PushLeftOut(name)).Append(PushPending(name));
    }
}
