using Pipes.Core.Diagnostics;
using Pipes.Core.Yaml;

namespace Pipes.Core.Properties;

/// <summary>Reads <c>properties:</c> and <c>destinations:</c>; meaning is checked later by <see cref="PropertyValidator"/>.</summary>
public static class PropertyReader
{
    public static readonly IReadOnlyList<string> Types = new[] { "string", "number", "integer", "boolean", "datetime", "array", "object" };

    public static readonly IReadOnlyList<string> Survivorships =
        new[] { "latest", "earliest", "max", "min", "sum", "count", "most_frequent", "any_true" };

    public static IReadOnlyList<PropertyModelSpec> ReadModels(MappingReader root) =>
        root.MappingList("properties", i => $"property model #{i + 1}").Select(ReadModel).OfType<PropertyModelSpec>().ToList();

    public static IReadOnlyList<DestinationSpec> ReadDestinations(MappingReader root) =>
        root.MappingList("destinations", i => $"destination #{i + 1}").Select(ReadDestination).OfType<DestinationSpec>().ToList();

    private static PropertyModelSpec? ReadModel(MappingReader r)
    {
        var name = r.String("name", required: true);
        var from = r.String("from", required: true);
        var key = r.Mapping("key");
        var keyColumn = key?.String("column", required: true);
        var keyType = key?.String("type", required: true);
        key?.Finish();
        if (key is null && !r.Has("key")) r.Bag.Error(DiagnosticCodes.MissingKey, r.Span, $"property model '{name?.Value}' has no 'key'", "add key: {column: <column>, type: <id type>}");
        var updatedAt = r.String("updated_at");
        var mapRemaining = r.Bool("map_remaining")?.Value ?? false;
        var uniqueKey = r.String("unique_key");
        var columns = new List<PropertyColumnSpec>();
        var columnsReader = r.Mapping("columns");
        if (columnsReader is not null)
        {
            foreach (var (column, _) in columnsReader.Entries().ToList())
            {
                var spec = MappingReader.From(r.File, columnsReader.Node(column.Value), r.Bag, $"column '{column.Value}' of property model '{name?.Value}'");
                if (spec is null) continue;
                var type = spec.String("type", required: true);
                var survivorship = spec.String("survivorship") ?? new Located<string>("latest", column.Span);
                var amplitude = spec.String("amplitude") ?? column;
                spec.Finish();
                if (type is not null) columns.Add(new PropertyColumnSpec(column, type, survivorship, amplitude));
            }
        }
        r.Finish();
        if (name is null || from is null || keyColumn is null || keyType is null) return null;
        return new PropertyModelSpec(name, from, keyColumn, keyType, updatedAt, columns, mapRemaining, r.Span) { UniqueKey = uniqueKey };
    }

    private static DestinationSpec? ReadDestination(MappingReader r)
    {
        var name = r.String("name", required: true);
        var type = r.String("type", required: true);
        var apiKey = r.String("api_key");
        var region = r.String("region") ?? new Located<string>("us", r.Span);
        var endpoint = r.String("endpoint");
        var properties = r.StringList("properties");
        var mode = r.String("mode") ?? new Located<string>("update_only", r.Span);
        var dryRun = r.Bool("dry_run")?.Value ?? false;
        var maxEvents = r.Int("max_events_per_batch");
        var maxBytes = r.Int("max_bytes_per_batch");
        var concurrency = r.Int("concurrency");
        var minIdLength = r.Int("min_id_length");
        var retentionDays = r.Int("retention_days");
        var events = r.String("events");
        var insertId = r.String("insert_id");
        r.Finish();
        var keys = r.Entries().Select(e => e.Key).ToList(); // after Finish, so unknown keys were reported
        return name is null || type is null ? null
            : new DestinationSpec(name, type, apiKey, region, endpoint, properties, mode, dryRun, maxEvents, maxBytes, concurrency, minIdLength)
            {
                RetentionDays = retentionDays, Events = events, InsertId = insertId, Keys = keys,
            };
    }
}
