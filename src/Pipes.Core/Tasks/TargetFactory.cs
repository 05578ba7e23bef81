using System.Globalization;
using Pipes.Core.Load;
using Pipes.Core.Run;
using Pipes.Core.Run.Targets.DuckDb;
using Pipes.Core.Run.Targets.Snowflake;

namespace Pipes.Core.Tasks;

/// <summary>Opens the engine a profile output names.</summary>
public static class TargetFactory
{
    public static ITarget Open(Project project) => project.Dialect.Name switch
    {
        "snowflake" => SnowflakeTarget.Create(SnowflakeSettingsOf(project.Output)),
        _ => DuckDbTarget.Open(DuckDbPath(project)),
    };

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
