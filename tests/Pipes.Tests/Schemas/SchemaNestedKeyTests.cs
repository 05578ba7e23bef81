using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using Pipes.Tests.TestKit;
using YamlDotNet.RepresentationModel;

namespace Pipes.Tests.Schemas;

/// <summary>
/// The schemas and the loader agree on keys at every depth, not only at the top: every key a schema offers at a path
/// is added to each mapping of the sample project at that path, beside a sentinel key, and the sample compiled. The
/// sentinel must be refused (so the loader read that mapping strictly) and the schema's key must not be refused in
/// every mapping it was added to (a key offered for two variants, a DuckDB and a Snowflake output, is refused by the
/// other variant only).
/// </summary>
public sealed partial class SchemaNestedKeyTests
{
    public static TheoryData<string, string> Schemas() => new()
    {
        { "pipes_project.schema.json", "pipes_project.yml" },
        { "profiles.schema.json", "profiles.yml" },
        { "definitions.schema.json", "models" },
    };

    [Theory]
    [MemberData(nameof(Schemas))]
    public void Every_key_a_schema_offers_at_any_depth_is_one_the_loader_reads(string schema, string files)
    {
        using var project = TestProject.SampleOnDuckDb();
        var root = JObject.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "schemas", schema)));
        var offered = new List<(string Path, string Key)>();
        Walk(root, root, "", offered, depth: 0);

        var inserted = new Dictionary<string, int>(StringComparer.Ordinal);
        var written = new HashSet<string>(StringComparer.Ordinal);
        var sentinels = new List<string>();
        var paths = new HashSet<string>(StringComparer.Ordinal);
        var names = files.EndsWith(".yml", StringComparison.Ordinal) ? [files]
            : Directory.EnumerateFiles(Path.Combine(project.Root, files), "*.yml", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(project.Root, f)).Order(StringComparer.Ordinal).ToList();
        foreach (var file in names)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(project.Read(file)));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode top) continue;
            if (file == "profiles.yml") // the sample targets DuckDB only: a Snowflake output too, for the keys of that variant
                foreach (var outputs in At(top, ["*", "outputs"]))
                    outputs.Add("pipes_test_snowflake", new YamlMappingNode { { "type", "snowflake" }, { "account", "a" }, { "user", "u" } });
            foreach (var group in offered.GroupBy(o => o.Path))
            {
                foreach (var mapping in At(top, group.Key.Split('/', StringSplitOptions.RemoveEmptyEntries)))
                {
                    paths.Add(group.Key);
                    foreach (var (_, key) in group)
                    {
                        if (mapping.Children.ContainsKey(new YamlScalarNode(key))) { written.Add(key); continue; } // the sample's own, read clean
                        mapping.Add(key, Null());
                        inserted[key] = inserted.GetValueOrDefault(key) + 1;
                    }
                    var sentinel = $"zz_pipes_sentinel_{sentinels.Count}";
                    mapping.Add(sentinel, Null());
                    sentinels.Add(sentinel);
                }
            }
            using var writer = new StringWriter();
            stream.Save(writer, assignAnchors: false);
            project.Write(file, writer.ToString().Replace("\n...\n", "\n"));
        }

        var (_, stdout, stderr) = project.Compile();
        var refused = Refused().Matches(stdout + stderr).GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        sentinels.ShouldNotBeEmpty();
        sentinels.Where(s => !refused.ContainsKey(s)).ShouldBeEmpty("mappings the loader did not read strictly:\n" + stdout + stderr);
        inserted.Where(k => !written.Contains(k.Key) && refused.GetValueOrDefault(k.Key) >= k.Value).Select(k => k.Key).ShouldBeEmpty($"keys {schema} offers that the loader refuses wherever they are written");
        // Most of what the schema offers is reached through the sample (paths the sample never writes are not).
        paths.Count.ShouldBeGreaterThanOrEqualTo(offered.Select(o => o.Path).Distinct().Count() / 2, string.Join(", ", offered.Select(o => o.Path).Distinct().Except(paths)));
    }

    [GeneratedRegex(@"unknown key '([^']*)'")]
    private static partial Regex Refused();

    private static YamlScalarNode Null() => new("~") { Style = YamlDotNet.Core.ScalarStyle.Plain };

    /// <summary>Every (path, key) the schema offers; a path is keys joined by '/', with [] for list items and * for any key.</summary>
    private static void Walk(JObject root, JToken? node, string path, List<(string, string)> offered, int depth)
    {
        if (node is not JObject schema || depth > 12) return;
        if (schema["$ref"] is JValue reference)
        {
            Walk(root, root.SelectToken(((string)reference!)[2..].Replace('/', '.')), path, offered, depth + 1);
            return;
        }
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
            foreach (var alternative in schema[combinator] as JArray ?? []) Walk(root, alternative, path, offered, depth + 1);
        // A mapping of one key (a test and its arguments) offers alternatives, not keys to write together.
        if (schema["properties"] is JObject properties && schema["maxProperties"]?.Value<int>() != 1)
        {
            foreach (var property in properties.Properties())
            {
                offered.Add((path, property.Name));
                Walk(root, property.Value, path + "/" + property.Name, offered, depth + 1);
            }
        }
        Walk(root, schema["items"], path + "/[]", offered, depth + 1);
        Walk(root, schema["additionalProperties"], path + "/*", offered, depth + 1);
        foreach (var pattern in (schema["patternProperties"] as JObject)?.Properties() ?? []) Walk(root, pattern.Value, path + "/*", offered, depth + 1);
    }

    private static IEnumerable<YamlMappingNode> At(YamlNode node, ReadOnlySpan<string> path)
    {
        if (path.Length == 0) return node is YamlMappingNode m ? [m] : [];
        var rest = path[1..].ToArray();
        return path[0] switch
        {
            "[]" => node is YamlSequenceNode s ? s.Children.SelectMany(c => At(c, rest)).ToList() : [],
            "*" => node is YamlMappingNode m ? m.Children.Values.SelectMany(c => At(c, rest)).ToList() : [],
            var key => node is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out var child) ? At(child, rest) : [],
        };
    }
}
