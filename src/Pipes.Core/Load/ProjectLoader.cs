using System.Security.Cryptography;
using System.Text;
using Pipes.Core.Dialects;
using Pipes.Core.Diagnostics;
using Pipes.Core.Templating;
using Pipes.Core.Identity;
using Pipes.Core.Models;
using Pipes.Core.Seeds;
using Pipes.Core.Yaml;

namespace Pipes.Core.Load;

/// <summary>Reads every file of a project into one typed model, reporting all problems in one pass.</summary>
public static class ProjectLoader
{
    public static (Project? Project, DiagnosticBag Diagnostics) Load(string rootDirectory, LoadOptions? options = null)
    {
        options ??= new LoadOptions();
        var timings = options.Timings;
        var bag = new DiagnosticBag();
        var root = Path.GetFullPath(rootDirectory);
        var spec = ProjectFileReader.Read(root, bag);
        timings?.Mark("project file");
        if (spec is null) return (null, bag);

        var vars = new SortedDictionary<string, object?>(spec.Vars.ToDictionary(), StringComparer.Ordinal);
        if (options.Vars is not null)
        {
            foreach (var (key, value) in VarsReader.ReadCommandLine(options.Vars, bag)) vars[key] = value;
        }
        var output = ProfileReader.Read(root, spec, options, bag);
        var dialect = output is null ? null : DialectRegistry.Find(output.Type.Value);
        timings?.Mark("profile");

        var files = new ProjectFiles(root, bag);
        // One walk of the model folders for both kinds (a missing folder is reported once).
        var modelFolderFiles = files.Under(spec.ModelPaths, ".sql", ".yml", ".yaml");
        var sqlFiles = modelFolderFiles.Where(f => IsSql(f.Full)).ToList();
        var yamlFiles = modelFolderFiles.Where(f => !IsSql(f.Full)).ToList();
        timings?.Mark("list files");
        // SQL templates and YAML files are independent: parse both at once; diagnostics are merged in file order.
        var parsedSql = Task.Run(() =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var parsed = ModelAssembler.Parse(sqlFiles);
            timings?.Record("  of which .sql alone (beside the .yml)", clock.Elapsed);
            return parsed;
        });
        var read = yamlFiles.AsParallel().AsOrdered().Select(f =>
        {
            var local = new DiagnosticBag();
            var text = YamlFile.ReadText(f.Full, f.Display, local);
            var file = text is null ? DefinitionFile.Empty(f.Display) with { Unreadable = true } : DefinitionFileReader.Read(f.Display, text, local);
            return (File: file, Bag: local);
        }).ToList();
        foreach (var (_, local) in read) bag.AddRange(local.Items);
        var definitions = read.Select(r => r.File).ToList();
        timings?.Mark("read + parse .yml and .sql");
        var sources = UniqueSources(definitions, bag);
        var csvFiles = files.Under(spec.SeedPaths, ".csv");
        var seeds = SeedAssembler.Assemble(csvFiles, definitions, bag);
        timings?.Mark("sources, seeds");
        var sqlParsed = parsedSql.GetAwaiter().GetResult();
        timings?.Mark("wait for .sql");
        var models = ModelAssembler.Assemble(sqlFiles, sqlParsed, definitions, bag);
        // Files that exist but failed to load have their own error; a ref to one must not add "unknown model" to it.
        var unloaded = sqlFiles.Concat(csvFiles).Select(f => Path.GetFileNameWithoutExtension(f.Full))
            .Except(models.Select(m => m.Name).Concat(seeds.Select(s => s.Name)), StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        RejectNameClashes(models, seeds, bag);
        // Root causes first: when a definition file cannot be parsed, everything it declares is unknown, and checks
        // across files (identity, refs, properties) would report those gaps as many follow-on errors.
        if (definitions.Any(d => d.Unreadable)) return (null, bag);
        var errorsBeforeIdentity = bag.Items.Count(d => d.Severity == Severity.Error);
        timings?.Mark("assemble models");
        var identity = IdentityAssembler.Assemble(definitions, seeds, models, bag);
        var identityFailed = identity is null && bag.Items.Count(d => d.Severity == Severity.Error) > errorsBeforeIdentity;

        if (dialect is null || output is null) return (null, bag);
        var project = new Project(root, spec, output, dialect, sources, models, seeds, vars, options.Environment)
        {
            Identity = identity,
            IdentityDeclared = definitions.Any(d => d.Identity is not null),
            IdentityFailed = identityFailed,
            Unloaded = unloaded,
            IncrementalInputs = IncrementalInputs(definitions),
        };
        timings?.Mark("identity");
        project = project with
        {
            Models = ReferenceCollector.Collect(project, bag),
            Properties = definitions.SelectMany(d => d.Properties).ToList(),
            Destinations = definitions.SelectMany(d => d.Destinations).ToList(),
            DataTests = definitions.SelectMany(d => d.DataTests).ToList(),
            IdentityTests = definitions.Select(d => d.IdentityTests).LastOrDefault(t => t is not null) ?? new IdentityTestSettings(),
        };
        timings?.Mark("render models, collect refs");
        DataTestValidator.Validate(project, bag);
        PropertyValidator.Validate(project, bag);
        OutputsSpec.Validate(project, bag);
        TableOwners.Validate(project, bag);
        timings?.Mark("validate");
        return (project, bag);
    }

    /// <summary>Entries with <c>incremental:</c>, by the name a property model's <c>from</c> uses; the first declaration of a name wins.</summary>
    private static Dictionary<string, IdentityDeclarations> IncrementalInputs(IEnumerable<DefinitionFile> definitions)
    {
        var entries = definitions.SelectMany(d =>
            d.Sources.SelectMany(s => s.Tables.Select(t => (Name: $"{s.Name.Value}.{t.Name.Value}", t.Identity)))
                .Concat(d.Seeds.Select(s => (Name: s.Name.Value, s.Identity)))
                .Concat(d.Models.Select(m => (Name: m.Name.Value, m.Identity))));
        var result = new Dictionary<string, IdentityDeclarations>(StringComparer.Ordinal);
        foreach (var (name, declarations) in entries.Where(e => e.Identity.Incremental is not null)) result.TryAdd(name, declarations);
        return result;
    }

    private static bool IsSql(string path) => Path.GetExtension(path.AsSpan()).Equals(".sql", StringComparison.OrdinalIgnoreCase);

    private static IReadOnlyList<SourceSpec> UniqueSources(IEnumerable<DefinitionFile> definitions, DiagnosticBag bag)
    {
        var sources = new List<SourceSpec>();
        foreach (var source in definitions.SelectMany(d => d.Sources))
        {
            var twin = sources.FirstOrDefault(s => s.Name.Value == source.Name.Value);
            if (twin is not null)
            {
                bag.Error(DiagnosticCodes.DuplicateName, source.Name.Span, $"source '{source.Name.Value}' is defined twice", $"first at {twin.Name.Span}");
                continue;
            }
            foreach (var group in source.Tables.GroupBy(t => t.Name.Value).Where(g => g.Count() > 1))
                bag.Error(DiagnosticCodes.DuplicateName, group.Last().Name.Span, $"table '{group.Key}' is defined twice in source '{source.Name.Value}'", $"first at {group.First().Name.Span}");
            sources.Add(source);
        }
        return sources.OrderBy(s => s.Name.Value, StringComparer.Ordinal).ToList();
    }

    private static void RejectNameClashes(IReadOnlyList<ModelSpec> models, IReadOnlyList<SeedSpec> seeds, DiagnosticBag bag)
    {
        foreach (var seed in seeds)
        {
            var model = models.FirstOrDefault(m => m.Name == seed.Name);
            if (model is not null)
                bag.Error(DiagnosticCodes.DuplicateName, SourceSpan.At(model.Path, 1, 1), $"'{seed.Name}' is both a model and a seed ({SourceSpan.At(seed.Path, 1, 1)}); ref could not tell them apart");
        }
    }
}
