using Pipes.Core.Dialects;
using Pipes.Core.Load;
using Pipes.Core.Models;

namespace Pipes.Core.Targets.Snowflake;

/// <summary>Every privilege a project's compiled Snowflake SQL needs (docs/snowflake.md lists them).</summary>
public static class SnowflakePrivileges
{
    /// <summary>
    /// USAGE on the warehouse, database and schema; CREATE TABLE (models, seeds, identity and property tables), CREATE
    /// VIEW when a model is a view, CREATE FUNCTION when the project resolves identity (the split UDTF); USAGE and
    /// SELECT on every source table. CREATE SCHEMA on the database is the alternative to the schema privileges when the
    /// schema does not exist yet (Pipes runs CREATE SCHEMA IF NOT EXISTS and then owns it): see <see cref="SnowflakeGrantCheck"/>.
    /// Tables Pipes creates are owned by the role, which covers INSERT, DELETE, MERGE, ALTER and DROP on them.
    /// </summary>
    public static IReadOnlyList<SnowflakePrivilege> Required(Project project, SnowflakeSettings settings)
    {
        var required = new List<SnowflakePrivilege>();
        if (Name(settings.Warehouse) is { } warehouse) required.Add(new("USAGE", "WAREHOUSE", warehouse, "run statements"));
        var database = Name(settings.Database);
        if (database is not null)
        {
            required.Add(new("USAGE", "DATABASE", database, "reach the output schema"));
            if (Name(settings.Schema) is { } schema)
            {
                var output = $"{database}.{schema}";
                required.Add(new("USAGE", "SCHEMA", output, "reach the output tables"));
                required.Add(new("CREATE TABLE", "SCHEMA", output, "models, seeds, identity and property tables"));
                if (project.Models.Any(m => m.Materialized == Materialization.View))
                    required.Add(new("CREATE VIEW", "SCHEMA", output, "models materialized as views"));
                if (project.Identity is not null)
                    required.Add(new("CREATE FUNCTION", "SCHEMA", output, "the identity node's JavaScript UDTF"));
            }
        }
        foreach (var source in project.Sources)
        {
            var sourceDatabase = Name(source.Database) ?? database;
            if (sourceDatabase is null) continue; // the user's default namespace: nothing to name
            var sourceSchema = $"{sourceDatabase}.{Name(source.Schema)}";
            required.Add(new("USAGE", "DATABASE", sourceDatabase, $"read source {source.Name.Value}"));
            required.Add(new("USAGE", "SCHEMA", sourceSchema, $"read source {source.Name.Value}"));
            foreach (var table in source.Tables)
                required.Add(new("SELECT", "TABLE", $"{sourceSchema}.{Name(table.Identifier)}", $"source {source.Name.Value}.{table.Name.Value}"));
        }
        return required.DistinctBy(p => (p.Privilege, p.ObjectType, p.ObjectName)).ToList();
    }

    /// <summary>The name as Snowflake stores the identifier Pipes quotes (SnowflakeDialect upper-cases it first).</summary>
    private static string? Name(string? identifier) =>
        string.IsNullOrWhiteSpace(identifier) ? null : SnowflakeDialect.Instance.NormalizeIdentifier(identifier);
}
