using System.Globalization;
using Pipes.Core.Dialects;
using Pipes.Core.Load;
using Pipes.Core.Targets;
using Pipes.Core.Targets.DuckDb;
using Pipes.Core.Targets.Snowflake;

namespace Pipes.Core.Tasks;

/// <summary>
/// Opens the engine a profile output names, and checks that it can (<c>pipes debug</c>): the one table of targets, keyed
/// by the dialect each speaks (as <see cref="DialectRegistry"/> is the one table of dialects), so no caller branches on
/// the engine.
/// </summary>
public static class TargetFactory
{
    private sealed record Kind(
        Func<Project, ITarget> Open,
        Func<Project, CancellationToken, Task<IReadOnlyList<ConnectionFinding>>> Check,
        Func<Project, string?> MissingFile);

    private static readonly Dictionary<Dialect, Kind> Kinds = new()
    {
        [SnowflakeDialect.Instance] = new(
            project => SnowflakeTarget.Create(SnowflakeSettingsOf(project.Output)),
            (project, cancellationToken) => SnowflakeCheck(project).RunAsync(cancellationToken),
            _ => null),
        [DuckDbDialect.Instance] = new(project => DuckDbTarget.Open(DuckDbPath(project), project.Output.Get("memory_limit")), CheckDuckDbAsync,
            project => DuckDbPath(project) is var file && file != ":memory:" && !File.Exists(file) ? file : null),
    };

    public static ITarget Open(Project project) => KindOf(project).Open(project);

    /// <summary>Whether the target is reachable and usable, as findings that say what to fix.</summary>
    public static Task<IReadOnlyList<ConnectionFinding>> CheckAsync(Project project, CancellationToken cancellationToken) =>
        KindOf(project).Check(project, cancellationToken);

    /// <summary>The database file a local target would create on opening, when it does not exist yet (never built); null for remote targets.</summary>
    public static string? MissingDatabaseFile(Project project) => KindOf(project).MissingFile(project);

    private static Kind KindOf(Project project) =>
        Kinds.TryGetValue(project.Dialect, out var kind) ? kind : throw new NotSupportedException($"no target for dialect {project.Dialect.Name}");

    private static SnowflakeConnectionCheck SnowflakeCheck(Project project)
    {
        var settings = SnowflakeSettingsOf(project.Output);
        return new SnowflakeConnectionCheck(settings, required: SnowflakePrivileges.Required(project, settings));
    }

    private static async Task<IReadOnlyList<ConnectionFinding>> CheckDuckDbAsync(Project project, CancellationToken cancellationToken)
    {
        var path = DuckDbPath(project);
        try
        {
            await using var target = Open(project);
            var version = await target.ExecuteAsync("SELECT version(), current_setting('memory_limit')", StatementContext.Adhoc(project.Name), cancellationToken);
            return new[] { ConnectionFinding.Ok("connect", $"DuckDB {version.Rows[0][0]} at {path}, memory limit {version.Rows[0][1]}.") };
        }
        catch (Exception e) when (e is TargetException or IOException or DuckDB.NET.Data.DuckDBException)
        {
            return new[] { ConnectionFinding.Problem("connect", $"cannot open DuckDB at {path}: {e.Message}", "check the output's path, and that no other process holds the file") };
        }
    }

    public static string DuckDbPath(Project project)
    {
        var path = project.Output.Get("path") ?? Path.Combine(project.Spec.TargetPath, "pipes.duckdb");
        return path == ":memory:" ? path : Path.Combine(project.RootDirectory, path);
    }

    public static SnowflakeSettings SnowflakeSettingsOf(OutputSpec output) => new()
    {
        Account = output.Get("account") ?? "",
        User = output.Get("user") ?? "",
        Authenticator = output.Get("authenticator") ?? "keypair",
        PrivateKeyPath = ExpandHome(output.Get("private_key_path")),
        PrivateKey = output.Get("private_key"),
        PrivateKeyPassphrase = output.Get("private_key_passphrase"),
        Token = output.Get("token"),
        Role = output.Get("role"),
        Warehouse = output.Get("warehouse"),
        Database = output.Get("database"),
        Schema = output.Get("schema"),
        Host = output.Get("host"),
        Port = output.Get("port") is { } port ? int.Parse(port, CultureInfo.InvariantCulture) : null,
        Protocol = output.Get("protocol") ?? "https",
        StatementTimeoutSeconds = output.Get("statement_timeout") is { } t ? int.Parse(t, CultureInfo.InvariantCulture) : 3600,
    };

    private static string? ExpandHome(string? path) =>
        path is not null && path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;
}
