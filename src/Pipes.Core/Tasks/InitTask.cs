namespace Pipes.Core.Tasks;

/// <summary><c>pipes init &lt;dir&gt;</c>: a small project that compiles and runs on embedded DuckDB as it is.</summary>
public static class InitTask
{
    /// <param name="workingDirectory">Where the user is (default: the process's folder): a relative <paramref name="directory"/> and the printed <c>cd</c> start there.</param>
    public static int Execute(string directory, TaskOutput output, string? workingDirectory = null)
    {
        workingDirectory ??= Directory.GetCurrentDirectory();
        var folder = Path.GetFullPath(directory, workingDirectory);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            output.Error($"error: '{directory}' is not empty; pipes init only writes into an empty or new folder");
            return ExitCodes.Failure;
        }
        var name = ProjectName(Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar)));
        foreach (var (path, text) in Files(name))
        {
            var full = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
        var cd = ChangeDirectory(folder, workingDirectory);
        output.Info($"Created project '{name}' in {(cd is null ? "this folder" : directory)}. Next:", ("event", "initialized"), ("project", name), ("cd", cd));
        if (cd is not null) output.Info($"  cd {cd}");
        output.Info("  pipes build              # seed, run and test on embedded DuckDB (target/pipes.duckdb)");
        output.Info("  pipes show customers     # the rows the model built");
        output.Info("  pipes ls                 # every node, in run order");
        return ExitCodes.Success;
    }

    /// <summary>The shortest way from where the user is to the project (relative when it is below), quoted for a shell when needed; null when already there.</summary>
    private static string? ChangeDirectory(string full, string workingDirectory)
    {
        var relative = Path.GetRelativePath(workingDirectory, full);
        if (relative == ".") return null;
        var path = Path.IsPathRooted(relative) ? full : relative;
        return path.Any(c => char.IsWhiteSpace(c) || "'\"$`&;|()<>*?".Contains(c)) ? "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'" : path;
    }

    private static string ProjectName(string folder)
    {
        var chars = folder.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray();
        var name = new string(chars).Trim('_');
        return name.Length == 0 || char.IsAsciiDigit(name[0]) ? "pipes_" + name : name;
    }

    private static IEnumerable<(string Path, string Text)> Files(string name)
    {
        yield return ("pipes_project.yml", $"""
            name: {name}
            # No profile: the embedded DuckDB database target/pipes.duckdb. Add `profile:` and a profiles.yml for Snowflake.
            model-paths: [models]
            seed-paths: [seeds]
            vars:
              min_orders: 1

            """);
        yield return (".gitignore", "target/\n");
        yield return ("seeds/raw_customers.csv", """
            customer_id,email,orders,signed_up_at
            1,ann@example.org,3,2026-01-05T10:00:00Z
            2,bob@example.org,0,2026-02-11T08:30:00Z
            3,cy@example.org,7,2026-03-20T17:45:00Z

            """);
        yield return ("models/customers.sql", """
            SELECT customer_id, lower(email) AS email, orders
            FROM {{ ref "raw_customers" }}
            WHERE orders >= {{ var "min_orders" }}

            """);
        yield return ("models/schema.yml", """
            models:
              - name: customers
                description: Customers with at least min_orders orders
                config: {materialized: table, tags: [example]}
                columns:
                  - {name: customer_id, description: the customer's id}

            """);
    }
}
