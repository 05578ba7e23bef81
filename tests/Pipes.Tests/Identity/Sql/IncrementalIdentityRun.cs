using System.Globalization;
using System.Text.Json;
using Pipes.Core.Identity;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Identity.Sql;

/// <summary>
/// One project run many times, as a warehouse sync would feed it: each <see cref="Append"/> adds a batch of rows with
/// the next <c>loaded_at</c> (a number iterator, looked back <paramref name="lookback"/> batches), and each
/// <see cref="Run"/> is <c>pipes run</c> on everything appended so far.
/// </summary>
public sealed class IncrementalIdentityRun : IDisposable
{
    private readonly TestProject _project;
    private readonly IReadOnlyList<string> _types;
    private readonly string _data;
    private readonly long _firstBatch;
    private int _batch;

    /// <param name="iterator">false: the input declares no <c>incremental:</c>, so every run reads every row (and rows
    /// removed from the file leave the graph).</param>
    /// <param name="firstBatch">The first batch's <c>loaded_at</c>.</param>
    public IncrementalIdentityRun(IdentityRules rules, int lookback = 1, bool iterator = true, long firstBatch = 1)
    {
        _firstBatch = firstBatch;
        _types = rules.Types.Select(t => t.Name).ToList();
        _project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: idtest\nprofile: t\n",
            ["profiles.yml"] = "t:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n",
            ["models/identity.yml"] = IdentityYaml.Write(rules),
            ["models/models.yml"] = "models:\n  - name: fixture_rows\n    config: {materialized: table}\n    observed_at: observed_at\n"
                + (iterator ? $"    incremental: {{iterator: loaded_at, iterator_type: number, lookback: {lookback}}}\n" : "") + "    identifiers:\n"
                + string.Concat(_types.Select(t => $"      - {{column: ids_{t}, each: true, type: {t}}}\n")),
        });
        _data = Path.Combine(_project.Root, "rows.ndjson");
        File.WriteAllText(_data, "");
        var columns = string.Join(", ", new[] { "loaded_at: 'BIGINT'", "observed_at: 'TIMESTAMP'" }.Concat(_types.Select(t => $"ids_{t}: 'VARCHAR[]'")));
        _project.Write("models/fixture_rows.sql", $"SELECT * FROM read_json('{_data}', format = 'newline_delimited', columns = {{{columns}}})");
    }

    public IReadOnlyList<string> Types => _types;

    public string Root => _project.Root;

    /// <summary>Appends rows as the next batch (its <c>loaded_at</c> one more than the last).</summary>
    public void Append(IEnumerable<IdentityRow> rows)
    {
        _batch++;
        using var writer = File.AppendText(_data);
        foreach (var row in rows)
        {
            var record = new Dictionary<string, object?>
            {
                ["loaded_at"] = _firstBatch + _batch - 1,
                ["observed_at"] = row.ObservedAt?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            };
            foreach (var type in _types)
                record["ids_" + type] = row.Ids.Where(i => i.Type == type).Select(i => i.Value).ToArray();
            writer.WriteLine(JsonSerializer.Serialize(record));
        }
    }

    /// <summary>Removes every row appended so far, as a source that deleted them would.</summary>
    public void Clear() => File.WriteAllText(_data, "");

    /// <summary>Runs the project; returns the identity node's message in <c>run_results.json</c>.</summary>
    public string Run(bool fullRefresh = false)
    {
        var options = _project.Options() with { FullRefresh = fullRefresh };
        var (code, stdout, stderr) = _project.Run("run", options);
        code.ShouldBe(0, stdout + stderr);
        using var results = JsonDocument.Parse(_project.Read("target/run_results.json"));
        return results.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("message").GetString() ?? "").Single(m => m.StartsWith("identity", StringComparison.Ordinal));
    }

    /// <summary>Rewrites the project's identity rules.</summary>
    public void UseRules(IdentityRules rules) => _project.Write("models/identity.yml", IdentityYaml.Write(rules));

    /// <summary><c>pipes run</c> that must fail; returns its output.</summary>
    public string RunExpectingFailure()
    {
        var (code, stdout, stderr) = _project.Run("run");
        code.ShouldBe(1, stdout + stderr);
        return stdout + stderr;
    }

    public DuckDb Open() => DuckDb.Open(_project);

    /// <summary>
    /// The rows identity counts once: rows equal in what identity reads (observed_at and each type's values, in order)
    /// are one row, as the fingerprint makes them.
    /// </summary>
    public IReadOnlyList<IdentityRow> Distinct(IEnumerable<IdentityRow> rows) =>
        rows.DistinctBy(r => (r.ObservedAt, string.Join("\u001f", _types.Select(t => string.Join("\u001e", r.Ids.Where(i => i.Type == t).Select(i => i.Value ?? "\u0000"))))))
            .ToList();

    public void Dispose() => _project.Dispose();
}
