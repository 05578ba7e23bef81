namespace Pipes.Core.Dialects;

/// <summary>What publishing an output in place needs from the engine (templates/outputs/publish.sql.scriban).</summary>
public abstract partial class Dialect
{
    /// <summary>Options of a published output's first CREATE: change tracking where the engine records changes.</summary>
    public virtual string CreateTableOptions(bool changeTracking) => "";

    /// <summary>Switches change tracking on for an existing table (adopting one an older Pipes created); empty where the engine has none.</summary>
    public virtual string EnableChangeTracking(string relation) => "";

    /// <summary>The CREATE TABLE option keeping <paramref name="days"/> of change history (what change data capture reads); empty where the engine has none.</summary>
    public virtual string RetentionOption(int days) => "";

    /// <summary>Sets the retention of an existing table (adopting one made before); empty where the engine has none.</summary>
    public virtual string SetRetention(string relation, int days) => "";

    /// <summary>
    /// A column value in a form <c>IS DISTINCT FROM</c> compares by content: the identity where the engine compares the
    /// type natively, a canonical text for semi-structured values otherwise.
    /// </summary>
    public virtual string Comparable(string expression, string portableType) => expression;

    /// <summary>The catalog view of a database's columns (<c>table_catalog</c>, <c>table_schema</c>, <c>table_name</c>, <c>column_name</c>).</summary>
    public virtual string ColumnsCatalog(string? database) => Relation(database, "information_schema", "columns");
}
