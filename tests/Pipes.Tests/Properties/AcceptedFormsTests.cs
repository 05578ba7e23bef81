using System.Text;
using System.Text.Json;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Properties;

/// <summary>
/// Runs every row of the accepted-forms table in docs/properties.md on DuckDB through the property model SQL, reading
/// the table from the doc itself: the doc is the specification, so doc and behaviour cannot drift apart.
/// </summary>
public sealed class AcceptedFormsTests
{
    private const string Begin = "<!-- accepted-forms:begin -->";
    private const string End = "<!-- accepted-forms:end -->";

    public sealed record Case(int No, string Type, string Text, string? Stored, string? Reason)
    {
        public string Key => $"case_{No:D3}";

        public override string ToString() => $"{Type} {JsonSerializer.Serialize(Text)}";
    }

    public static IReadOnlyList<Case> Cases { get; } = Read(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "properties.md")));

    private static readonly string[] Types = ["number", "integer", "boolean", "datetime", "array", "object", "string"];

    [Fact]
    public void The_table_covers_every_property_type_with_accepted_and_refused_rows()
    {
        foreach (var type in Types) Cases.ShouldContain(c => c.Type == type && c.Stored != null, type);
        foreach (var type in Types.Where(t => t != "string")) Cases.ShouldContain(c => c.Type == type && c.Reason != null, type);
    }

    [Fact]
    public async Task Every_row_of_the_documented_table_holds_on_duckdb()
    {
        using var project = Project();
        var (code, stdout, stderr) = project.Run("build");
        code.ShouldBe(ExitCodes.Success, stdout + stderr);

        await using var db = DuckDb.Open(project);
        var stored = new Dictionary<string, string?>();
        var reasons = new Dictionary<string, string?>();
        for (var i = 0; i < Types.Length; i++)
        {
            var no = i + 1;
            var reason = Types[i] == "string" ? "NULL" : $"r_{no}";
            foreach (var row in await db.QueryAsync($"SELECT key_value, CAST(v_{no}_{Types[i]} AS VARCHAR), {reason} FROM pipes_property_rows_forms WHERE raw_{no} IS NOT NULL"))
            {
                stored[(string)row[0]!] = (string?)row[1];
                reasons[(string)row[0]!] = (string?)row[2];
            }
        }
        var rejects = (await db.QueryAsync("SELECT key_value, reason FROM pipes_property_rejects WHERE model = 'forms'"))
            .ToDictionary(r => (string)r[0]!, r => (string?)r[1]);

        var wrong = new List<string>();
        foreach (var c in Cases)
        {
            var actual = (Stored: stored.GetValueOrDefault(c.Key), Reason: rejects.GetValueOrDefault(c.Key));
            if (actual != (c.Stored, c.Reason) || reasons.GetValueOrDefault(c.Key) != c.Reason)
                wrong.Add($"{c}: documented {Show(c.Stored, c.Reason)}, DuckDB gives {Show(actual.Stored, actual.Reason)}");
        }
        wrong.ShouldBeEmpty();
    }

    private static string Show(string? stored, string? reason) =>
        stored is not null ? $"`{stored}`" : reason is not null ? $"reject '{reason}'" : "missing";

    /// <summary>One property model over a seed with one text column per type; each case fills only its type's column.</summary>
    private static TestProject Project()
    {
        var csv = new StringBuilder("id," + string.Join(",", Types.Select(t => "c_" + t)) + "\n");
        foreach (var c in Cases)
            csv.Append(c.Key).Append(',').Append(string.Join(",", Types.Select(t => t == c.Type ? Quote(c.Text) : ""))).Append('\n');
        var columns = string.Join("\n", Types.Select(t => $"              c_{t}: {{type: {t}, survivorship: count}}"));
        return new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: forms\nprofile: p\n",
            ["profiles.yml"] = "p:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n",
            ["seeds/accounts.csv"] = "user_id\nu_1\n",
            ["seeds/cases.csv"] = csv.ToString(),
            ["models/identity.yml"] = $$"""
                identity:
                  id_types:
                    user_id: {priority: 1, limit: 1}
                seeds:
                  - name: accounts
                    identifiers: [{column: user_id, type: user_id}]
                  - name: cases
                    config:
                      column_types: {id: string, {{string.Join(", ", Types.Select(t => $"c_{t}: string"))}}}
                """,
            ["models/properties.yml"] = "properties:\n  - name: forms\n    from: cases\n    key: {column: id, type: user_id}\n    columns:\n" + columns + "\n",
        });
    }

    private static string Quote(string text) => text.Length == 0 ? "" : "\"" + text.Replace("\"", "\"\"") + "\"";

    /// <summary>Rows of the doc table: <c>| type | `"json text"` | `stored` | reason |</c>.</summary>
    private static IReadOnlyList<Case> Read(string markdown)
    {
        var start = markdown.IndexOf(Begin, StringComparison.Ordinal);
        var end = markdown.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start) throw new InvalidOperationException($"docs/properties.md has no {Begin} ... {End} block");
        var cases = new List<Case>();
        foreach (var line in markdown[(start + Begin.Length)..end].Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(2))
        {
            var cells = line.Trim().Trim('|').Split('|');
            if (cells.Length != 4) throw new InvalidOperationException($"docs/properties.md: a row needs 4 cells: {line}");
            cases.Add(new Case(cases.Count + 1, cells[0].Trim(), JsonSerializer.Deserialize<string>(Code(cells[1])!)!, Code(cells[2]), NullIfEmpty(cells[3].Trim())));
        }
        return cases;
    }

    /// <summary>The text between the backticks of a cell, exactly; null for an empty cell.</summary>
    private static string? Code(string cell)
    {
        var first = cell.IndexOf('`');
        return first < 0 ? null : cell[(first + 1)..cell.LastIndexOf('`')];
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
