using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Identity;

/// <summary>
/// A small project whose identity input is one seed (user_id, email, device_id, seen): built, then rebuilt after
/// rows are appended or the rules change, to read what <c>pipes_id_history</c> recorded on real DuckDB.
/// </summary>
public sealed class HistoryProject : IDisposable
{
    public const string Header = "user_id,email,device_id,seen";

    public const string DefaultTypes = """
            user_id: {priority: 1, limit: 1}
            email: {priority: 2, limit: 3, normalize: [lowercase]}
            device_id: {priority: 3, limit: 10}
        """;

    private readonly List<string> _rows = [];
    private string _types = DefaultTypes;
    private string _exclude = "";

    public HistoryProject(params string[] rows)
    {
        Project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: h\nprofile: p\n",
            ["profiles.yml"] = "p:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n",
        });
        _rows.AddRange(rows);
    }

    public TestProject Project { get; }

    public HistoryProject Append(params string[] rows)
    {
        _rows.AddRange(rows);
        return this;
    }

    /// <summary>Global exact exclusions (a rule change).</summary>
    public HistoryProject Exclude(params string[] values)
    {
        _exclude = "  exclude: [" + string.Join(", ", values.Select(v => "'" + v + "'")) + "]\n";
        return this;
    }

    public HistoryProject Types(string types)
    {
        _types = types;
        return this;
    }

    /// <summary>Writes the files and runs <c>pipes build</c>; returns its output, which must succeed.</summary>
    public string Build()
    {
        Project.Write("seeds/rows.csv", Header + "\n" + string.Join("\n", _rows) + "\n");
        Project.Write("models/identity.yml", "identity:\n  id_types:\n" + _types.TrimEnd() + "\n" + _exclude + """
            seeds:
              - name: rows
                observed_at: seen
                identifiers:
                  - {column: user_id, type: user_id}
                  - {column: email, type: email}
                  - {column: device_id, type: device_id}
            """);
        var (code, stdout, stderr) = Project.Run("build");
        code.ShouldBe(ExitCodes.Success, stdout + stderr);
        return stdout;
    }

    /// <summary>The last run's events as <c>event old new identifiers</c>, sorted (ids as given by <paramref name="names"/>).</summary>
    public async Task<List<string>> LastEventsAsync(IReadOnlyDictionary<string, string>? names = null) =>
        await EventsAsync("SELECT event, old_profile_id, new_profile_id, identifiers FROM pipes_id_history_run", names);

    /// <summary>Every event of every run, as <see cref="LastEventsAsync"/>.</summary>
    public async Task<List<string>> AllEventsAsync(IReadOnlyDictionary<string, string>? names = null) =>
        await EventsAsync("SELECT event, old_profile_id, new_profile_id, identifiers FROM pipes_id_history", names);

    public async Task<IReadOnlyList<object?[]>> QueryAsync(string sql)
    {
        await using var db = DuckDb.Open(Project);
        return await db.QueryAsync(sql);
    }

    /// <summary>(type:value, profile_id) of every identifier in the live graph.</summary>
    public async Task<Dictionary<string, string>> GraphAsync() =>
        (await QueryAsync("SELECT id_type || ':' || id_value, profile_id FROM pipes_id_graph")).ToDictionary(r => (string)r[0]!, r => (string)r[1]!);

    private async Task<List<string>> EventsAsync(string sql, IReadOnlyDictionary<string, string>? names)
    {
        string Name(object? id) => id is null ? "-" : names is not null && names.TryGetValue((string)id, out var n) ? n : (string)id;
        return (await QueryAsync(sql)).Select(r => $"{r[0]} {Name(r[1])} {Name(r[2])} {r[3]}").Order(StringComparer.Ordinal).ToList();
    }

    public void Dispose() => Project.Dispose();
}
