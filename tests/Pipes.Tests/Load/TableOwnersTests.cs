using System.Text.RegularExpressions;
using Pipes.Core.Compile;
using Pipes.Core.Properties;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Load;

/// <summary>
/// The load check "one table, one owner" (Cases/003-names/table-owners holds its errors) knows every table a property
/// model or destination creates: here each CREATE TABLE of the sample's compiled property and destination nodes, on
/// both engines, is matched against <see cref="PublishedTables.CreatedBy(PropertyModelSpec)"/> and its shared tables.
/// A node that starts creating a table the check does not know fails this test.
/// </summary>
public sealed partial class TableOwnersTests
{
    [Theory]
    [InlineData("local")]
    [InlineData("prod")]
    public void Every_table_a_property_or_destination_node_creates_is_one_the_check_knows(string target)
    {
        using var project = TestProject.CopyOfSample();
        var (code, _, stderr) = project.Compile(project.Options() with { Target = target });
        code.ShouldBe(0, stderr);
        var loaded = Pipes.Core.Load.ProjectLoader.Load(project.Root, new Pipes.Core.Load.LoadOptions { ProfilesDirectory = project.Root, Target = target, Environment = _ => null }).Project!;
        // Shared by every published output (identity's too); no declaration's name can form them.
        var outputs = new[] { PublishedOutput.CountsTable, PublishedOutput.ColumnTypesTable };

        var checkedNodes = 0;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(project.Root, "target", "compiled", target), "*.sql").Order(StringComparer.Ordinal))
        {
            var parts = Path.GetFileNameWithoutExtension(file).Split('.');
            var kind = parts[0][(parts[0].IndexOf('_') + 1)..];
            var name = parts[^1];
            IEnumerable<string> known = kind switch
            {
                "property" => PublishedTables.CreatedBy(loaded.Properties.Single(p => p.Name.Value == name)),
                "push" => PublishedTables.CreatedBy(loaded.Destinations.Single(d => d.Name.Value == name)),
                _ => [],
            };
            if (kind is not ("property" or "push")) continue;
            var allowed = known.Concat(PublishedTables.Shared).Concat(outputs).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var created = CreatedTables(File.ReadAllText(file)).ToList();
            created.ShouldNotBeEmpty(file);
            created.Where(t => !allowed.Contains(t)).ShouldBeEmpty($"{Path.GetFileName(file)} creates tables the load check does not know");
            checkedNodes++;
        }
        checkedNodes.ShouldBe(loaded.Properties.Count + loaded.Destinations.Count);
    }

    private static IEnumerable<string> CreatedTables(string sql) =>
        CreateTable().Matches(sql).Select(m => m.Groups["name"].Value.Trim('"'));

    // CREATE [OR REPLACE] [TEMP|TRANSIENT] TABLE [IF NOT EXISTS] [schema.]name: the name's last part.
    [GeneratedRegex("""CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP(?:ORARY)?\s+|TRANSIENT\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:(?:"[^"]+"|\w+)\.)*(?<name>"[^"]+"|\w+)""", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();
}
