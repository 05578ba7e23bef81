namespace Pipes.Core.Properties;

/// <summary>
/// The tables property models and destinations publish. Loading checks <c>outputs.tables</c> and destination names
/// against them before anything compiles, so the names live here, below both.
/// </summary>
public static class PublishedTables
{
    public static string Property(string model) => $"pipes_property_{model}";

    /// <summary>A property model's kept input rows (kept across runs, not published).</summary>
    public static string PropertyRows(string model) => $"pipes_property_rows_{model}";

    public static string Push(string destination) => $"pipes_push_{destination}";

    /// <summary>Profiles with a property value that no Amplitude identity of a push destination carries, with the reason.</summary>
    public static string PushLeftOut(string destination) => $"pipes_push_{destination}_left_out";

    /// <summary>The table Amplitude reads for a warehouse-native destination.</summary>
    public static string Warehouse(string destination) => $"pipes_amplitude_{destination}";

    /// <summary>What a warehouse-native destination left out (a profile without a user_id, an event Amplitude cannot take), by reason.</summary>
    public static string WarehouseSkipped(string destination) => Warehouse(destination) + "_skipped";
}
