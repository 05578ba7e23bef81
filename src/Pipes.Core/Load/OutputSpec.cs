using Pipes.Core.Yaml;

namespace Pipes.Core.Load;

/// <summary>One output of a profile, its string settings already rendered (env_var applied).</summary>
public sealed record OutputSpec(string Name, Located<string> Type, IReadOnlyDictionary<string, Located<string>> Settings)
{
    public string? Get(string key) => Settings.TryGetValue(key, out var value) && value.Value.Length > 0 ? value.Value : null;

    /// <summary>The schema models are built in; DuckDB's default is <c>main</c>.</summary>
    public string? Schema => Get("schema");

    public string? Database => Get("database");

    /// <summary>The embedded default used when there is no profile at all.</summary>
    public static OutputSpec EmbeddedDefault(string targetPath) => new(
        "local",
        new Located<string>("duckdb", Diagnostics.SourceSpan.None),
        new Dictionary<string, Located<string>>
        {
            ["path"] = new(Path.Combine(targetPath, "pipes.duckdb").Replace('\\', '/'), Diagnostics.SourceSpan.None),
            ["schema"] = new("main", Diagnostics.SourceSpan.None),
        });
}
