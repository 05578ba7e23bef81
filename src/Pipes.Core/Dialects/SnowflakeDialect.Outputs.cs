namespace Pipes.Core.Dialects;

public sealed partial class SnowflakeDialect
{
    // CREATE TABLE ... CHANGE_TRACKING = TRUE: streams and the CHANGES clause (Amplitude's warehouse import) read the
    // table's inserts, updates and deletes.
    public override string CreateTableOptions(bool changeTracking) => changeTracking ? " CHANGE_TRACKING = TRUE" : "";

    public override string EnableChangeTracking(string relation) => $"ALTER TABLE {relation} SET CHANGE_TRACKING = TRUE";

    public override string RetentionOption(int days) => $" DATA_RETENTION_TIME_IN_DAYS = {days}";

    public override string SetRetention(string relation, int days) => $"ALTER TABLE {relation} SET DATA_RETENTION_TIME_IN_DAYS = {days}";

    // VARIANT, ARRAY and OBJECT compare by their JSON text, so the comparison never depends on semi-structured ordering rules.
    public override string Comparable(string expression, string portableType) =>
        portableType is "json" or "array" or "object" ? $"TO_JSON({expression})" : expression;
}
