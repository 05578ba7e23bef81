using Pipes.Core.Diagnostics;
using Pipes.Core.Properties;
using Pipes.Core.Yaml;

namespace Pipes.Core.Load;

/// <summary>Checks property models and destinations against the rest of the project, reporting every problem at its value.</summary>
public static partial class PropertyValidator
{
    public static readonly IReadOnlyList<string> Regions = new[] { "us", "eu" };
    public static readonly IReadOnlyList<string> Modes = new[] { "update_only", "create" };

    public static void Validate(Project project, DiagnosticBag bag)
    {
        ConfigIndex.Build(project.Properties, p => p.Name, "property model", bag);
        var amplitudeNames = new Dictionary<string, Located<string>>(StringComparer.Ordinal);
        foreach (var model in project.Properties)
        {
            var idTypes = project.Identity?.Rules.Types.Select(t => t.Name).ToList();
            if (idTypes is null && !project.IdentityFailed)
            {
                if (project.IdentityDeclared)
                    bag.Error(DiagnosticCodes.MissingKey, model.Name.Span, $"property model '{model.Name.Value}' needs profiles, but no source, seed or model declares identifiers",
                        "declare identifiers: on the relations that carry ids");
                else
                    bag.Error(DiagnosticCodes.MissingKey, model.Name.Span, $"property model '{model.Name.Value}' needs identity rules to resolve its key", "add an identity: block with id_types");
            }
            else if (idTypes is not null && !idTypes.Contains(model.KeyType.Value))
                bag.Error(DiagnosticCodes.InvalidValue, model.KeyType.Span, $"key type '{model.KeyType.Value}' is not a declared id type", DidYouMean.Hint(model.KeyType.Value, idTypes));
            if (model.MapRemaining && model.UpdatedAt is null)
                bag.Error(DiagnosticCodes.MissingKey, model.Name.Span, $"map_remaining of property model '{model.Name.Value}' needs 'updated_at': remaining columns take the latest value",
                    "add updated_at: <column>");
            var columns = KnownColumns(project, model.From, bag);
            if (columns is not null)
            {
                CheckColumn(model.KeyColumn, columns, model, bag);
                if (model.UpdatedAt is not null) CheckColumn(model.UpdatedAt, columns, model, bag);
                if (model.UniqueKey is not null) CheckColumn(model.UniqueKey, columns, model, bag);
            }
            CheckIncremental(project, model, bag);
            foreach (var column in model.Columns)
            {
                if (columns is not null) CheckColumn(column.Column, columns, model, bag);
                CheckTypeAndRule(column, model, bag);
                if (AmplitudeNames.Problem(column.Amplitude.Value) is { } problem)
                    bag.Error(DiagnosticCodes.InvalidValue, column.Amplitude.Span, $"Amplitude name '{column.Amplitude.Value}' {problem}", "set amplitude: to another name");
                else if (amplitudeNames.TryGetValue(column.Amplitude.Value, out var first))
                    bag.Error(DiagnosticCodes.DuplicateName, column.Amplitude.Span, $"Amplitude name '{column.Amplitude.Value}' is used twice", $"first at {first.Span}");
                else
                    amplitudeNames[column.Amplitude.Value] = column.Amplitude;
            }
        }
        CheckIncrementalWithoutReader(project, bag);
        foreach (var destination in project.Destinations) ValidateDestination(project, destination, bag);
        ConfigIndex.Build(project.Destinations, d => d.Name, "destination", bag);
    }

    /// <summary>The columns of a relation when the project knows them (a seed's header, declared columns), else null.</summary>
    private static IReadOnlyList<string>? KnownColumns(Project project, Located<string> from, DiagnosticBag bag)
    {
        var seed = project.Seeds.FirstOrDefault(s => s.Name == from.Value);
        if (seed is not null) return seed.Table.Header;
        var model = project.Models.FirstOrDefault(m => m.Name == from.Value);
        if (model is not null) return model.Columns.Count > 0 ? model.Columns.Select(c => c.Name.Value).ToList() : null;
        var parts = from.Value.Split('.', 2);
        var table = parts.Length == 2
            ? project.Sources.FirstOrDefault(s => s.Name.Value == parts[0])?.Tables.FirstOrDefault(t => t.Name.Value == parts[1])
            : null;
        if (table is not null) return table.Columns.Count > 0 ? table.Columns.Select(c => c.Name.Value).ToList() : null;
        if (project.Unloaded.Contains(from.Value)) return null;
        var candidates = project.Models.Select(m => m.Name).Concat(project.Seeds.Select(s => s.Name))
            .Concat(project.Sources.SelectMany(s => s.Tables.Select(t => $"{s.Name.Value}.{t.Name.Value}")));
        bag.Error(DiagnosticCodes.UnknownRef, from.Span, $"'from: {from.Value}' is not a model, seed or source table (source.table)", DidYouMean.Hint(from.Value, candidates));
        return null;
    }

    /// <summary>The input's <c>incremental:</c> as a property model reads it (docs/properties.md, Incremental runs).</summary>
    private static void CheckIncremental(Project project, PropertyModelSpec model, DiagnosticBag bag)
    {
        var declarations = project.IncrementalInputs.GetValueOrDefault(model.From.Value);
        var incremental = declarations?.Incremental;
        // An identity input reports a missing iterator itself (IdentityReader).
        if (incremental is { Iterator: null, NumericIterator: false } && declarations!.ObservedAt is null && declarations.IsEmpty)
            bag.Error(DiagnosticCodes.MissingKey, incremental.Span, "incremental: needs 'iterator:' here, as the entry has no observed_at to default to", "add 'iterator: <column>'");
        if (model.UniqueKey is not null && incremental is null)
            bag.Error(DiagnosticCodes.UniqueKeyWithoutIterator, model.UniqueKey.Span, $"unique_key applies to an input read with an iterator ('incremental:' on its entry), and '{model.From.Value}' has none",
                "declare incremental: {iterator: <column>} on its entry (every row of an input without one is read each run, so rows updated in place are seen as they are), or remove unique_key");
    }

    /// <summary><c>incremental:</c> on an entry that neither identity (no identifiers) nor any property model reads.</summary>
    private static void CheckIncrementalWithoutReader(Project project, DiagnosticBag bag)
    {
        var read = project.Properties.Select(p => p.From.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, declarations) in project.IncrementalInputs.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!declarations.IsEmpty || read.Contains(name)) continue;
            bag.Error(DiagnosticCodes.IncrementalWithoutIdentifiers, declarations.Incremental!.Span,
                "incremental: applies to identity inputs and to the inputs of property models; this entry declares no identifiers and no property model reads it",
                "declare identifiers: on the same entry, read it from a property model, or remove incremental:");
        }
    }

    private static void CheckColumn(Located<string> column, IReadOnlyList<string> columns, PropertyModelSpec model, DiagnosticBag bag)
    {
        if (!columns.Contains(column.Value, StringComparer.OrdinalIgnoreCase))
            bag.Error(DiagnosticCodes.UnknownColumn, column.Span, $"'{model.From.Value}' has no column '{column.Value}'", DidYouMean.Hint(column.Value, columns));
    }

    private static void CheckTypeAndRule(PropertyColumnSpec column, PropertyModelSpec model, DiagnosticBag bag)
    {
        var type = column.Type.Value;
        var rule = column.Survivorship.Value;
        if (!PropertyReader.Types.Contains(type))
        {
            bag.Error(DiagnosticCodes.InvalidValue, column.Type.Span, $"unknown property type '{type}'", DidYouMean.Hint(type, PropertyReader.Types) ?? "expected one of " + string.Join(", ", PropertyReader.Types));
            return;
        }
        if (!PropertyReader.Survivorships.Contains(rule))
        {
            bag.Error(DiagnosticCodes.InvalidValue, column.Survivorship.Span, $"unknown survivorship '{rule}'", DidYouMean.Hint(rule, PropertyReader.Survivorships) ?? "expected one of " + string.Join(", ", PropertyReader.Survivorships));
            return;
        }
        var fits = rule switch
        {
            "sum" => type is "number" or "integer",
            "any_true" => type == "boolean",
            "max" or "min" => type is "number" or "integer" or "datetime" or "string",
            "most_frequent" => type is not ("array" or "object"),
            _ => true,
        };
        if (!fits) bag.Error(DiagnosticCodes.InvalidValue, column.Survivorship.Span, $"survivorship '{rule}' does not apply to a {type} column");
        if (rule is "latest" or "earliest" && model.UpdatedAt is null)
            bag.Error(DiagnosticCodes.MissingKey, column.Survivorship.Span, $"survivorship '{rule}' of '{column.Column.Value}' needs 'updated_at' on property model '{model.Name.Value}'",
                "add updated_at: <column>, or choose max, min, sum, count, most_frequent or any_true");
    }

    private static void ValidateDestination(Project project, DestinationSpec destination, DiagnosticBag bag)
    {
        if (!DestinationSpec.Kinds.Contains(destination.Type.Value))
            bag.Error(DiagnosticCodes.InvalidValue, destination.Type.Span, $"unknown destination type '{destination.Type.Value}'",
                DidYouMean.Hint(destination.Type.Value, DestinationSpec.Kinds) ?? "expected " + string.Join(", ", DestinationSpec.Kinds));
        else if (destination.IsWarehouseTable)
        {
            WarehouseDestinationValidator.Validate(project, destination, bag);
            CheckSelectors(project, destination, bag);
            return;
        }
        if (!Regions.Contains(destination.Region.Value))
            bag.Error(DiagnosticCodes.InvalidValue, destination.Region.Span, $"unknown region '{destination.Region.Value}'", "expected us or eu");
        if (!Modes.Contains(destination.Mode.Value))
            bag.Error(DiagnosticCodes.InvalidValue, destination.Mode.Span, $"unknown mode '{destination.Mode.Value}'", DidYouMean.Hint(destination.Mode.Value, Modes) ?? "expected update_only or create");
        if (destination.Mode.Value == "update_only" && project.Identity is { } identity && !identity.Inputs.Any(i => i.Declarations.InAmplitude))
            bag.Error(DiagnosticCodes.InvalidValue, destination.Mode.Span, "mode update_only sends only ids seen in an in_amplitude relation, and none is marked",
                "add in_amplitude: true to the source, seed or model holding Amplitude's events, or use mode: create");
        foreach (var (key, value) in destination.BatchSettings())
        {
            var (min, max) = DestinationSpec.Limits[key];
            if (value.Value < min || value.Value > max)
                bag.Error(DiagnosticCodes.DestinationSettingOutOfRange, value.Span, $"{key} {value.Value:N0} of destination '{destination.Name.Value}' is outside {min:N0}..{max:N0}",
                    key switch
                    {
                        "max_events_per_batch" => "Amplitude's Batch API takes at most 2,000 events per request",
                        "max_bytes_per_batch" => "Amplitude's Batch API takes at most 20 MB per request",
                        "concurrency" => "requests in flight at once; Pipes allows up to 16",
                        _ => "ids shorter than this are skipped; Amplitude's default is 5",
                    });
        }
        if (destination.Endpoint is { } endpoint && !Uri.TryCreate(endpoint.Value, UriKind.Absolute, out _))
            bag.Error(DiagnosticCodes.InvalidValue, endpoint.Span, $"endpoint '{endpoint.Value}' is not an absolute URL");
        if (!DestinationName().IsMatch(destination.Name.Value))
            bag.Error(DiagnosticCodes.InvalidValue, destination.Name.Span, $"destination name '{destination.Name.Value}' must be lower-case letters, digits and '_' (it names the table pipes_push_{destination.Name.Value})");
        CheckSelectors(project, destination, bag);
    }

    /// <summary>What a destination may be called: it names tables. Generated at build time, so no regex is built at start-up.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    internal static partial System.Text.RegularExpressions.Regex DestinationName();

    private static void CheckSelectors(Project project, DestinationSpec destination, DiagnosticBag bag)
    {
        foreach (var selector in destination.Properties)
        {
            var parts = selector.Value.Split('.', 2);
            var model = project.Properties.FirstOrDefault(p => p.Name.Value == parts[0]);
            if (model is null)
                bag.Error(DiagnosticCodes.UnknownRef, selector.Span, $"unknown property model '{parts[0]}' in '{selector.Value}'", DidYouMean.Hint(parts[0], project.Properties.Select(p => p.Name.Value)));
            else if (parts.Length == 2 && parts[1] != "*" && model.Columns.All(c => c.Column.Value != parts[1]))
                bag.Error(DiagnosticCodes.UnknownColumn, selector.Span, $"property model '{parts[0]}' has no column '{parts[1]}'", DidYouMean.Hint(parts[1], model.Columns.Select(c => c.Column.Value)));
        }
    }
}
