using Pipes.Core.Dialects;
using Pipes.Core.Diagnostics;
using Pipes.Core.DataTests;
using Pipes.Core.Identity;
using Pipes.Core.Models;
using Pipes.Core.Properties;
using Pipes.Core.Yaml;

namespace Pipes.Core.Load;

/// <summary>Reads a definition file: each top-level key has its own reader (dbt's schemas.py).</summary>
public static class DefinitionFileReader
{
    public static readonly IReadOnlyList<string> Materializations = new[] { "view", "table", "incremental" };

    public static DefinitionFile Read(string displayPath, string text, DiagnosticBag bag)
    {
        var errorsBefore = bag.Items.Count;
        var node = YamlFile.Parse(displayPath, text, bag);
        if (node is null) return DefinitionFile.Empty(displayPath) with { Unreadable = bag.Items.Count > errorsBefore };
        var root = MappingReader.From(displayPath, node, bag, displayPath);
        if (root is null) return DefinitionFile.Empty(displayPath);
        var tests = new List<DataTestSpec>();
        var sources = root.MappingList("sources", i => $"source #{i + 1}").Select(r => ReadSource(r, tests)).OfType<SourceSpec>().ToList();
        var models = root.MappingList("models", i => $"model #{i + 1}").Select(r => ReadModel(r, tests)).OfType<ModelConfigSpec>().ToList();
        var seeds = root.MappingList("seeds", i => $"seed #{i + 1}").Select(r => ReadSeed(r, tests)).OfType<SeedConfigSpec>().ToList();
        var identity = IdentityReader.Read(root.Mapping("identity"));
        var properties = PropertyReader.ReadModels(root);
        var destinations = PropertyReader.ReadDestinations(root);
        var identityTests = IdentityTestSettingsReader.Read(root);
        root.Finish();
        return new DefinitionFile(displayPath, sources, models, seeds) { Identity = identity, Properties = properties, Destinations = destinations, DataTests = tests, IdentityTests = identityTests };
    }

    private static SourceSpec? ReadSource(MappingReader r, List<DataTestSpec> tests)
    {
        var name = r.String("name", required: true);
        var description = r.String("description")?.Value;
        var database = r.String("database")?.Value;
        var schema = r.String("schema")?.Value;
        var tables = r.MappingList("tables", i => $"table #{i + 1} of source '{name?.Value}'").Select(t => ReadTable(t, name?.Value ?? "", tests)).OfType<SourceTableSpec>().ToList();
        var export = AmplitudeExportReader.Read(r.Mapping("amplitude_export"), name?.Value ?? "");
        r.Finish();
        return name is null ? null : new SourceSpec(name, description, database, schema ?? name.Value, tables, r.Span) { AmplitudeExport = export };
    }

    private static SourceTableSpec? ReadTable(MappingReader r, string source, List<DataTestSpec> tests)
    {
        var name = r.String("name", required: true);
        var identifier = r.String("identifier")?.Value;
        var description = r.String("description")?.Value;
        var columns = ReadColumns(r, new DataTestOwner("source", source, name?.Value), tests);
        var identity = IdentityReader.ReadDeclarations(r);
        r.Finish();
        return name is null ? null : new SourceTableSpec(name, identifier ?? name.Value, description, columns) { Identity = identity };
    }

    private static ModelConfigSpec? ReadModel(MappingReader r, List<DataTestSpec> tests)
    {
        var name = r.String("name", required: true);
        var description = r.String("description")?.Value;
        var config = r.Mapping("config");
        Located<string>? materialized = null;
        IReadOnlyList<Located<string>> uniqueKey = Array.Empty<Located<string>>(), tags = Array.Empty<Located<string>>();
        if (config is not null)
        {
            materialized = config.String("materialized");
            if (materialized is not null && !Materializations.Contains(materialized.Value))
            {
                r.Bag.Error(DiagnosticCodes.InvalidValue, materialized.Span, $"unknown materialization '{materialized.Value}'",
                    DidYouMean.Hint(materialized.Value, Materializations) ?? "expected view, table or incremental");
            }
            uniqueKey = config.StringList("unique_key");
            tags = config.StringList("tags");
            config.Finish();
        }
        if (materialized?.Value == "incremental" && uniqueKey.Count == 0)
            r.Bag.Error(DiagnosticCodes.MissingKey, materialized.Span, $"incremental model '{name?.Value}' needs a 'unique_key'");
        var columns = ReadColumns(r, new DataTestOwner("model", name?.Value ?? ""), tests);
        var identity = IdentityReader.ReadDeclarations(r);
        r.Finish();
        return name is null ? null : new ModelConfigSpec(name, description, materialized, uniqueKey, tags, columns, r.Span) { Identity = identity };
    }

    private static SeedConfigSpec? ReadSeed(MappingReader r, List<DataTestSpec> tests)
    {
        var name = r.String("name", required: true);
        var description = r.String("description")?.Value;
        var config = r.Mapping("config");
        var columnTypes = new SortedDictionary<string, Located<string>>(StringComparer.Ordinal);
        IReadOnlyList<Located<string>> tags = Array.Empty<Located<string>>();
        if (config is not null)
        {
            var types = config.Mapping("column_types");
            if (types is not null)
            {
                foreach (var (column, _) in types.Entries().ToList())
                {
                    var type = types.String(column.Value);
                    if (type is null) continue;
                    if (!Dialect.PortableTypes.Contains(type.Value))
                    {
                        r.Bag.Error(DiagnosticCodes.InvalidValue, type.Span, $"unknown column type '{type.Value}' for column '{column.Value}'",
                            DidYouMean.Hint(type.Value, Dialect.PortableTypes) ?? "expected one of " + string.Join(", ", Dialect.PortableTypes));
                        continue;
                    }
                    columnTypes[column.Value] = type;
                }
            }
            tags = config.StringList("tags");
            config.Finish();
        }
        var identity = IdentityReader.ReadDeclarations(r);
        ReadColumns(r, new DataTestOwner("seed", name?.Value ?? ""), tests);
        r.Finish();
        return name is null ? null : new SeedConfigSpec(name, description, columnTypes, tags, r.Span) { Identity = identity };
    }

    /// <summary>The entry's <c>columns:</c>, collecting their <c>tests:</c> and the entry's own into <paramref name="tests"/>.</summary>
    private static IReadOnlyList<ColumnSpec> ReadColumns(MappingReader r, DataTestOwner owner, List<DataTestSpec> tests)
    {
        tests.AddRange(DataTestReader.Read(r, owner, column: null));
        return r.MappingList("columns", i => $"column #{i + 1}").Select(c =>
        {
            var name = c.String("name", required: true);
            var description = c.String("description")?.Value;
            if (name is not null) tests.AddRange(DataTestReader.Read(c, owner, name));
            c.Finish();
            return name is null ? null : new ColumnSpec(name, description);
        }).OfType<ColumnSpec>().ToList();
    }
}
