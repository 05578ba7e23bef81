using System.Text;
using Pipes.Core.Diagnostics;
using Pipes.Core.Load;
using Pipes.Core.Models;
using Pipes.Core.Templating;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Load;

/// <summary>
/// The loader reads and parses files on several threads (issue 14: 10,000 models cold); what it reports must not
/// depend on that: the same diagnostics, in the order a one-file-at-a-time read gives, and the same project.
/// </summary>
public sealed class ParallelLoadTests
{
    private const int Folders = 20;
    private const int PerFolder = 100;

    /// <summary>2,000 chained models in 20 folders; schema.yml broken in folders 3, 7 and 15, templates broken in 3 models.</summary>
    private static TestProject Generate(bool withErrors)
    {
        var project = new TestProject(new Dictionary<string, string> { ["pipes_project.yml"] = "name: t\nvars: {limit: 10}\n" });
        for (var folder = 0; folder < Folders; folder++)
        {
            var yaml = new StringBuilder("models:\n");
            for (var i = folder * PerFolder; i < (folder + 1) * PerFolder; i++)
            {
                var sql = i == 0 ? "SELECT 1 AS id" : $"SELECT id FROM {{{{ ref \"model_{i - 1}\" }}}} LIMIT {{{{ var \"limit\" }}}}";
                if (withErrors && i is 250 or 1234 or 1999) sql = $"SELECT id FROM {{{{ if }}}} {{{{ ref \"model_{i - 1}\" }}}}";
                project.Write($"models/area_{folder:D2}/model_{i}.sql", sql);
                yaml.Append($"  - name: model_{i}\n    config: {{materialized: {(i % 3 == 0 ? "table" : "view")}, tags: [t{i % 7}]}}\n");
                if (withErrors && folder == 11 && i % 40 == 0) yaml.Append("    colour: blue\n"); // unknown key: read on
            }
            if (withErrors && folder is 3 or 7 or 15) yaml.Append($"  - name: [unclosed{folder}\n"); // malformed YAML at the end
            project.Write($"models/area_{folder:D2}/schema.yml", yaml.ToString());
        }
        return project;
    }

    [Fact]
    public void Diagnostics_come_in_the_order_a_sequential_read_gives_every_time()
    {
        using var project = Generate(withErrors: true);
        var expected = SequentialParseDiagnostics(project.Root);
        expected.Count(d => d.Contains(".yml", StringComparison.Ordinal)).ShouldBe(3 + 2); // three malformed, two unknown keys in area_11
        expected.Count(d => d.Contains(".sql", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(3);

        for (var run = 0; run < 5; run++)
        {
            var (loaded, bag) = ProjectLoader.Load(project.Root, new LoadOptions { ProfilesDirectory = project.Root });
            loaded.ShouldBeNull(); // malformed definition files stop the load before cross-file checks
            bag.Items.Select(d => d.ToString()).ShouldBe(expected, $"run {run}");
        }
    }

    [Fact]
    public void A_clean_project_loads_to_the_same_models_every_time()
    {
        using var project = Generate(withErrors: false);
        string? first = null;
        for (var run = 0; run < 5; run++)
        {
            var (loaded, bag) = ProjectLoader.Load(project.Root, new LoadOptions { ProfilesDirectory = project.Root });
            bag.Items.ShouldBeEmpty();
            loaded!.Models.Count.ShouldBe(Folders * PerFolder);
            var described = string.Join("\n", loaded.Models.Select(m =>
                $"{m.Name} {m.Path} {m.Materialized} [{string.Join(",", m.Tags)}] [{string.Join(",", m.Refs)}] {m.Checksum} {m.Sql}"));
            first ??= described;
            described.ShouldBe(first, $"run {run}");
        }
        first!.ShouldContain("model_1999 models/area_19/model_1999.sql View [t4] [model_1998]");
    }

    [Fact]
    public void A_missing_model_folder_is_reported_once()
    {
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: t\nmodel-paths: [models, nowhere]\n",
            ["models/a.sql"] = "SELECT 1 AS x",
        });
        var (_, bag) = ProjectLoader.Load(project.Root, new LoadOptions { ProfilesDirectory = project.Root });
        bag.Items.Select(d => d.ToString()).ShouldBe(["pipes_project.yml(2,23): error PIPES0008: folder 'nowhere' does not exist"]);
    }

    /// <summary>What reading each file alone, one after the other, reports: the .yml files then the .sql files, each kind in path order.</summary>
    private static List<string> SequentialParseDiagnostics(string root)
    {
        var bag = new DiagnosticBag();
        string Display(string full) => Path.GetRelativePath(root, full).Replace('\\', '/');
        var all = Directory.EnumerateFiles(Path.Combine(root, "models"), "*", SearchOption.AllDirectories).OrderBy(Display, StringComparer.Ordinal).ToList();
        foreach (var yml in all.Where(f => f.EndsWith(".yml", StringComparison.Ordinal)))
            DefinitionFileReader.Read(Display(yml), File.ReadAllText(yml), bag);
        foreach (var sql in all.Where(f => f.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(sql);
            if (SimpleModelTemplate.TryParse(text, Display(sql)) is null) ModelTemplateChecks.Parse(text, Display(sql), bag);
        }
        return bag.Items.Select(d => d.ToString()).ToList();
    }
}
