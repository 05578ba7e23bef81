using NJsonSchema;
using NJsonSchema.Validation;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Schemas;

/// <summary>
/// The JSON Schemas under schemas/ accept the sample project at the repository root and reject unknown keys and
/// wrong enum values, so editors flag the same mistakes the loader does.
/// </summary>
public sealed partial class SchemaTests
{
    private static readonly string RepoRoot = FindRepoRoot();

    public static TheoryData<string> SampleProjectFiles()
    {
        var files = new TheoryData<string>();
        files.Add("pipes_project.yml");
        files.Add("profiles.yml");
        var models = Path.Combine(RepoRoot, "models");
        foreach (var path in Directory.EnumerateFiles(models, "*.*", SearchOption.AllDirectories)
                     .Where(p => p.EndsWith(".yml", StringComparison.Ordinal) || p.EndsWith(".yaml", StringComparison.Ordinal))
                     .OrderBy(p => p, StringComparer.Ordinal))
        {
            files.Add(Path.GetRelativePath(RepoRoot, path).Replace('\\', '/'));
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(SampleProjectFiles))]
    public async Task Sample_project_file_matches_its_schema(string relativePath)
    {
        var yaml = await File.ReadAllTextAsync(Path.Combine(RepoRoot, relativePath));

        var errors = await ValidateAsync(SchemaFor(relativePath), yaml);

        errors.ShouldBeEmpty($"{relativePath} does not match {SchemaFor(relativePath)}");
    }

    /// <summary>Each top-level key a schema offers, with the sample file of that kind it is added to.</summary>
    public static TheoryData<string, string> SchemaRootKeys()
    {
        var data = new TheoryData<string, string>();
        foreach (var (schema, file) in new[] { ("pipes_project.schema.json", "pipes_project.yml"), ("definitions.schema.json", "models/identity.yml") })
        {
            var json = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(Path.Combine(RepoRoot, "schemas", schema)));
            foreach (var key in ((Newtonsoft.Json.Linq.JObject)json["properties"]!).Properties().Select(p => p.Name)) data.Add(file, key);
        }
        return data;
    }

    /// <summary>
    /// The schemas and the loader agree on the top-level keys: every key a schema offers an editor is one the loader
    /// reads (not an unknown key), and a key the schema lacks is one both refuse.
    /// </summary>
    [Theory]
    [MemberData(nameof(SchemaRootKeys))]
    public void A_key_the_schema_offers_is_one_the_loader_reads(string file, string key)
    {
        using var project = TestProject.SampleOnDuckDb();
        var text = project.Read(file);
        var keys = YamlJson.Parse(text).ShouldBeOfType<Newtonsoft.Json.Linq.JObject>();
        if (keys.ContainsKey(key)) return; // the sample sets it: Sample_project_file_matches_its_schema and every build read it
        project.Write(file, text.TrimEnd() + $"\n{key}: ~\n");
        var (_, stdout, stderr) = project.Compile();
        (stdout + stderr).ShouldNotContain($"unknown key '{key}'");

        project.Write(file, text.TrimEnd() + "\nzz_not_a_key: ~\n");
        project.Compile().Stderr.ShouldContain("unknown key 'zz_not_a_key'");
    }

    [Theory]
    [InlineData("pipes_project.schema.json", "name: acme\nprofil: acme\n", "profil")]
    [InlineData("pipes_project.schema.json", "name: acme\nmodel_paths: [models]\n", "model_paths")]
    [InlineData("profiles.schema.json", "acme:\n  target: local\n  outputs:\n    local: {type: duckdb, path: x.duckdb, database: main}\n", "database")]
    [InlineData("profiles.schema.json", "acme:\n  target: prod\n  outputs:\n    prod: {type: snowflake, account: a, user: u, password: secret}\n", "password")]
    [InlineData("profiles.schema.json", "acme:\n  target: local\n  default: true\n  outputs:\n    local: {type: duckdb}\n", "default")]
    [InlineData("definitions.schema.json", "models:\n  - name: m\n    config: {materialised: table}\n", "materialised")]
    [InlineData("definitions.schema.json", "sources:\n  - name: crm\n    tables:\n      - name: contacts\n        identifers: x\n", "identifers")]
    [InlineData("definitions.schema.json", "seeds:\n  - name: s\n    column_types: {a: json}\n", "column_types")]
    [InlineData("definitions.schema.json", "identity:\n  id_type: {}\n", "id_type")]
    [InlineData("definitions.schema.json", "identity:\n  id_types:\n    email: {priority: 1, limt: 3}\n", "limt")]
    [InlineData("definitions.schema.json", "seeds:\n  - name: s\n    identifiers: [{column: a, type: email, kind: x}]\n", "kind")]
    public async Task Unknown_key_is_rejected(string schema, string yaml, string key)
    {
        var errors = await ValidateAsync(schema, yaml);

        errors.ShouldNotBeEmpty();
        errors.ShouldContain(e => e.Contains(key, StringComparison.Ordinal), string.Join("\n", errors));
    }

    [Theory]
    [InlineData("definitions.schema.json", "models:\n  - name: m\n    config: {materialized: ephemeral}\n")]
    [InlineData("definitions.schema.json", "seeds:\n  - name: s\n    config: {column_types: {a: text}}\n")]
    [InlineData("profiles.schema.json", "acme:\n  target: prod\n  outputs:\n    prod: {type: snowflake, account: a, user: u, authenticator: password}\n")]
    [InlineData("profiles.schema.json", "acme:\n  target: prod\n  outputs:\n    prod: {type: snowflake, account: a, user: u, protocol: ftp}\n")]
    [InlineData("profiles.schema.json", "acme:\n  target: pg\n  outputs:\n    pg: {type: postgres}\n")]
    public async Task Wrong_enum_value_is_rejected(string schema, string yaml)
    {
        var errors = await ValidateAsync(schema, yaml);

        errors.ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("port: 8443")]
    [InlineData("port: \"8443\"")]
    [InlineData("port: \"{{ env_var 'SNOWFLAKE_PORT' '443' }}\"")]
    [InlineData("authenticator: \"{{ env_var 'SNOWFLAKE_AUTHENTICATOR' 'pat' }}\"")]
    [InlineData("protocol: http")]
    [InlineData("statement_timeout: 60")]
    public async Task Snowflake_setting_accepts_literal_or_env_var(string setting)
    {
        var yaml = $"acme:\n  target: prod\n  outputs:\n    prod:\n      type: snowflake\n      account: a\n      user: u\n      {setting}\n";

        var errors = await ValidateAsync("profiles.schema.json", yaml);

        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("port: 70000")]
    [InlineData("port: \"http\"")]
    [InlineData("statement_timeout: soon")]
    public async Task Snowflake_setting_rejects_bad_value(string setting)
    {
        var yaml = $"acme:\n  target: prod\n  outputs:\n    prod:\n      type: snowflake\n      account: a\n      user: u\n      {setting}\n";

        var errors = await ValidateAsync("profiles.schema.json", yaml);

        errors.ShouldNotBeEmpty();
    }

    /// <summary>
    /// The loader → schema direction (the other is SchemaNestedKeyTests): every key a reader asks a MappingReader for,
    /// by literal name, is a property some schema offers, so an editor never flags a key Pipes reads.
    /// </summary>
    [Fact]
    public void Every_key_the_loader_asks_for_is_one_a_schema_offers()
    {
        var offered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoRoot, "schemas"), "*.schema.json"))
        {
            foreach (var properties in Newtonsoft.Json.Linq.JToken.Parse(File.ReadAllText(file)).SelectTokens("$..properties").OfType<Newtonsoft.Json.Linq.JObject>())
                offered.UnionWith(properties.Properties().Select(p => p.Name));
        }

        var asked = new SortedSet<string>(StringComparer.Ordinal);
        var source = Path.Combine(RepoRoot, "src", "Pipes.Core");
        foreach (var file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            if (!text.Contains("MappingReader", StringComparison.Ordinal)) continue;
            foreach (System.Text.RegularExpressions.Match m in LoaderKeyCall().Matches(text))
                asked.Add($"{m.Groups["key"].Value} ({Path.GetRelativePath(source, file)})");
        }

        asked.Count.ShouldBeGreaterThan(60, "the scan found the readers' key lookups");
        asked.Where(k => !offered.Contains(k[..k.IndexOf(' ', StringComparison.Ordinal)])).ShouldBeEmpty("keys the loader reads that no schema offers");
    }

    [System.Text.RegularExpressions.GeneratedRegex("""\.(?:String|Bool|Int|StringList|Mapping|MappingList|Node|Has|HasValue)\("(?<key>[A-Za-z_][A-Za-z0-9_]*)"[,)]""")]
    private static partial System.Text.RegularExpressions.Regex LoaderKeyCall();

    [Fact]
    public async Task Every_property_has_a_description()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoRoot, "schemas"), "*.schema.json"))
        {
            var json = Newtonsoft.Json.Linq.JToken.Parse(await File.ReadAllTextAsync(file));
            var missing = json.SelectTokens("$..properties").OfType<Newtonsoft.Json.Linq.JObject>()
                .SelectMany(props => props.Properties())
                .Where(p => p.Value is Newtonsoft.Json.Linq.JObject o && o["description"] is null)
                .Select(p => p.Path)
                .ToList();

            missing.ShouldBeEmpty($"{Path.GetFileName(file)}: properties without a description");
        }
    }

    [Fact]
    public async Task Seed_column_types_name_columns_of_the_seed_csv()
    {
        var definitions = YamlJson.Parse(await File.ReadAllTextAsync(Path.Combine(RepoRoot, "models", "seeds.yml")));
        var seeds = definitions["seeds"].ShouldBeOfType<Newtonsoft.Json.Linq.JArray>();
        seeds.ShouldNotBeEmpty();
        foreach (var seed in seeds)
        {
            var name = (string)seed["name"]!;
            var csv = Path.Combine(RepoRoot, "seeds", name + ".csv");
            File.Exists(csv).ShouldBeTrue($"models/seeds.yml declares seed '{name}' but {csv} is missing");
            var header = File.ReadLines(csv).First().Split(',');
            var declared = ((Newtonsoft.Json.Linq.JObject?)seed["config"]?["column_types"])?.Properties().Select(p => p.Name) ?? [];
            declared.Except(header).ShouldBeEmpty($"column_types of seed '{name}' name columns missing from its CSV header");
        }
    }

    private static string SchemaFor(string relativePath) => relativePath switch
    {
        "pipes_project.yml" => "pipes_project.schema.json",
        "profiles.yml" => "profiles.schema.json",
        _ => "definitions.schema.json",
    };

    private static async Task<List<string>> ValidateAsync(string schemaFile, string yaml)
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepoRoot, "schemas", schemaFile));
        var token = YamlJson.Parse(yaml);
        return schema.Validate(token).SelectMany(e => Flatten(e)).ToList();
    }

    private static IEnumerable<string> Flatten(ValidationError error, string indent = "")
    {
        yield return $"{indent}{error.Kind} at {error.Path}: {error.Property}";
        if (error is ChildSchemaValidationError child)
        {
            foreach (var nested in child.Errors.SelectMany(kv => kv.Value))
            {
                foreach (var line in Flatten(nested, indent + "  "))
                {
                    yield return line;
                }
            }
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pipes.Compiler.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Pipes.Compiler.sln above {AppContext.BaseDirectory}");
    }
}
