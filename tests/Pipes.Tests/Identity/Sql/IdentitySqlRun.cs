using System.Globalization;
using System.Text.Json;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Identity.Sql;

/// <summary>
/// Runs identity rows through the real project path on DuckDB: the rows become a model (one array column per id
/// type, declared <c>each: true</c>), the rules become <c>identity:</c> YAML, and <c>pipes run</c> builds the tables.
/// </summary>
public sealed class IdentitySqlRun : IDisposable
{
    private readonly TestProject _project;

    private IdentitySqlRun(TestProject project, string stdout)
    {
        _project = project;
        Stdout = stdout;
    }

    public string Stdout { get; }

    public string Root => _project.Root;

    /// <summary>
    /// <paramref name="plain"/>: one plain VARCHAR column per type (NULL when the row has none), for rows with at most
    /// one id per type; otherwise one array column per type, declared <c>each: true</c>.
    /// </summary>
    public static IdentitySqlRun Start(Core.Identity.IdentityRules rules, IReadOnlyList<IdentityRow> rows, bool plain = false)
    {
        var types = rules.Types.Select(t => t.Name).ToList();
        var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: idtest\nprofile: t\n",
            ["profiles.yml"] = "t:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n",
            ["models/identity.yml"] = IdentityYaml.Write(rules),
            ["models/models.yml"] = "models:\n  - name: fixture_rows\n    config: {materialized: table}\n    observed_at: observed_at\n    identifiers:\n"
                + string.Concat(types.Select(t => plain ? $"      - {{column: ids_{t}, type: {t}}}\n" : $"      - {{column: ids_{t}, each: true, type: {t}}}\n")),
        });
        var data = Path.Combine(project.Root, "rows.ndjson");
        WriteRows(data, types, rows, plain);
        var columns = string.Join(", ", new[] { "row_key: 'VARCHAR'", "observed_at: 'TIMESTAMP'" }.Concat(types.Select(t => $"ids_{t}: '{(plain ? "VARCHAR" : "VARCHAR[]")}'")));
        project.Write("models/fixture_rows.sql", $"SELECT * FROM read_json('{data}', format = 'newline_delimited', columns = {{{columns}}})");
        var (code, stdout, stderr) = project.Run("run");
        code.ShouldBe(0, stdout + stderr);
        return new IdentitySqlRun(project, stdout);
    }

    private static void WriteRows(string path, IReadOnlyList<string> types, IReadOnlyList<IdentityRow> rows, bool plain)
    {
        using var writer = new StreamWriter(path);
        foreach (var row in rows)
        {
            var record = new Dictionary<string, object?>
            {
                ["row_key"] = row.RowKey,
                ["observed_at"] = row.ObservedAt?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            };
            foreach (var type in types)
            {
                var values = row.Ids.Where(i => i.Type == type).Select(i => i.Value).ToArray();
                record["ids_" + type] = plain ? values.SingleOrDefault() : values;
            }
            writer.WriteLine(JsonSerializer.Serialize(record));
        }
    }

    public DuckDb Open() => DuckDb.Open(_project);

    public void Dispose() => _project.Dispose();
}
