namespace Pipes.Core.Targets.Snowflake;

/// <summary>
/// The grants part of <c>pipes debug</c>: reads <c>SHOW GRANTS TO ROLE</c> for the session's role and every role
/// granted to it (privileges are inherited through USAGE on a role), finds each result column by its documented name
/// (<c>privilege</c>, <c>granted_on</c>, <c>name</c>) and names every required privilege that no grant covers.
/// OWNERSHIP of an object covers every privilege on it.
/// </summary>
public static class SnowflakeGrantCheck
{
    /// <summary>Roles read at most; a deeper hierarchy is reported, not silently cut.</summary>
    public const int MaxRoles = 50;

    private static readonly HashSet<string> TableKinds = new(StringComparer.Ordinal)
        { "TABLE", "VIEW", "MATERIALIZED_VIEW", "MATERIALIZED VIEW", "EXTERNAL_TABLE", "EXTERNAL TABLE", "DYNAMIC_TABLE", "DYNAMIC TABLE", "ICEBERG_TABLE", "ICEBERG TABLE", "EVENT_TABLE", "EVENT TABLE" };

    public static string Query(string role) => $"SHOW GRANTS TO ROLE \"{role.Replace("\"", "\"\"")}\"";

    public static async Task<ConnectionFinding> CheckAsync(SqlApiClient client, string role, IReadOnlyList<SnowflakePrivilege> required, CancellationToken cancellationToken)
    {
        var grants = new HashSet<(string Privilege, string Kind, string Name)>();
        var roles = new List<string> { role };
        for (var i = 0; i < roles.Count; i++)
        {
            if (i == MaxRoles)
                return ConnectionFinding.Problem("grants", $"Role {role} inherits more than {MaxRoles} roles; grants were not checked past the first {MaxRoles}.",
                    "Check the privileges by hand (docs/snowflake.md lists them), or use a role with a flatter hierarchy.");
            foreach (var grant in await ReadAsync(client, roles[i], cancellationToken).ConfigureAwait(false))
            {
                if (grant.Kind == "ROLE" && grant.Privilege == "USAGE" && !roles.Contains(grant.Name, StringComparer.Ordinal)) roles.Add(grant.Name);
                else grants.Add(grant);
            }
        }

        var missing = required.Where(p => !Covered(p, grants)).ToList();
        var schemaCreated = SchemaPipesWouldCreate(required, grants, missing);
        if (schemaCreated is not null) missing.RemoveAll(p => p.ObjectType == "SCHEMA" && p.ObjectName == schemaCreated);
        var created = schemaCreated is null ? "" : $" Schema {schemaCreated} is not visible to it: Pipes creates it (CREATE SCHEMA on its database) and then owns it.";
        if (missing.Count == 0)
            return ConnectionFinding.Ok("grants", $"Role {role} holds the {required.Count} privileges the compiled SQL needs (read from {roles.Count} role(s)).{created}");
        return ConnectionFinding.Problem("grants",
            $"Role {role} lacks {missing.Count} of the privileges the compiled SQL needs: {string.Join("; ", missing)}.",
            string.Join(" ", missing.Select(p => p.GrantTo(role))));
    }

    private static bool Covered(SnowflakePrivilege needed, HashSet<(string Privilege, string Kind, string Name)> grants) =>
        grants.Any(g => g.Name == needed.ObjectName
            && (needed.ObjectType == "TABLE" ? TableKinds.Contains(g.Kind) : g.Kind == needed.ObjectType)
            && (g.Privilege == needed.Privilege || g.Privilege == "OWNERSHIP"));

    /// <summary>
    /// The output schema when the role holds no grant at all on it but may create schemas in its database: then the
    /// schema is missing (or hidden) and Pipes' CREATE SCHEMA IF NOT EXISTS makes the role its owner.
    /// </summary>
    private static string? SchemaPipesWouldCreate(IReadOnlyList<SnowflakePrivilege> required, HashSet<(string Privilege, string Kind, string Name)> grants, List<SnowflakePrivilege> missing)
    {
        var output = required.FirstOrDefault(p => p.ObjectType == "SCHEMA" && p.Privilege == "CREATE TABLE");
        if (output is null || !missing.Contains(output) || grants.Any(g => g.Kind == "SCHEMA" && g.Name == output.ObjectName)) return null;
        var database = output.ObjectName[..output.ObjectName.LastIndexOf('.')];
        if (!grants.Any(g => g.Kind == "DATABASE" && g.Name == database && g.Privilege is "CREATE SCHEMA" or "OWNERSHIP")) return null;
        return output.ObjectName;
    }

    private static async Task<List<(string Privilege, string Kind, string Name)>> ReadAsync(SqlApiClient client, string role, CancellationToken cancellationToken)
    {
        var result = await client.SubmitAsync(Query(role), new StatementContext("debug", "pipes:debug"), cancellationToken).ConfigureAwait(false);
        int Column(string name)
        {
            for (var i = 0; i < result.Columns.Count; i++)
                if (string.Equals(result.Columns[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
            throw new TargetException($"SHOW GRANTS answered without a '{name}' column", code: SnowflakeClientCodes.Protocol);
        }
        var (privilege, kind, objectName) = (Column("privilege"), Column("granted_on"), Column("name"));
        var grants = new List<(string, string, string)>();
        await foreach (var row in client.ReadRowsAsync(result, cancellationToken).ConfigureAwait(false))
            grants.Add((Text(row[privilege]), Text(row[kind]), Text(row[objectName]).Replace("\"", "")));
        return grants;
    }

    private static string Text(object? value) => (value?.ToString() ?? "").Trim().ToUpperInvariant();
}
