using Pipes.Core.Diagnostics;
using YamlDotNet.RepresentationModel;
using Pipes.Core.Yaml;

namespace Pipes.Core.Identity;

/// <summary>Reads the <c>identity:</c> block and the <c>identifiers:</c> / <c>observed_at:</c> keys of table, seed and model entries.</summary>
public static class IdentityReader
{
    public static readonly IReadOnlyList<string> Normalizers = ["lowercase", "uppercase", "remove_whitespace", "digits_only", "regex_extract"];

    /// <summary>Reads <c>identifiers</c> and <c>observed_at</c> of an entry (before the caller's <c>Finish</c>).</summary>
    public static IdentityDeclarations ReadDeclarations(MappingReader r)
    {
        var observedAt = r.String("observed_at");
        var inAmplitude = r.Bool("in_amplitude");
        var incrementalNode = r.Mapping("incremental");
        var incremental = ReadIncremental(incrementalNode);
        var identifiers = r.MappingList("identifiers", i => $"identifier #{i + 1}").Select(ReadIdentifier).OfType<IdentifierSpec>().ToList();
        if (inAmplitude?.Value == true && identifiers.Count == 0)
            r.Bag.Error(DiagnosticCodes.MissingKey, inAmplitude.Span, "in_amplitude needs the relation's identifiers", "declare identifiers: on the same entry");
        if (incremental is { Iterator: null, NumericIterator: false } && observedAt is null && identifiers.Count > 0)
            r.Bag.Error(DiagnosticCodes.MissingKey, incremental.Span, "incremental: needs 'iterator:' here, as the entry has no observed_at to default to", "add 'iterator: <column>', or 'observed_at: <column>'");
        // incremental: on an entry without identifiers is kept for the property models that read it; PropertyValidator
        // reports it (PIPES0522) when none does.
        return identifiers.Count == 0 && observedAt is null && incremental is null
            ? IdentityDeclarations.None
            : new IdentityDeclarations(identifiers, observedAt) { InAmplitude = inAmplitude?.Value ?? false, Incremental = incremental };
    }

    /// <summary>
    /// <c>incremental: {iterator: loaded_at, iterator_type: timestamp, lookback: 2 hours}</c>; a number iterator takes a
    /// whole-number lookback (<c>lookback: 1000</c>).
    /// </summary>
    private static IncrementalSpec? ReadIncremental(MappingReader? r)
    {
        if (r is null) return null;
        var iterator = r.String("iterator");
        var type = r.String("iterator_type");
        var lookback = r.String("lookback");
        r.Finish();
        var numeric = false;
        if (type is not null && type.Value is not ("timestamp" or "number"))
            r.Bag.Error(DiagnosticCodes.BadIteratorType, type.Span, $"unknown iterator_type '{type.Value}'", "use 'timestamp' (a load time) or 'number' (an increasing id)");
        else numeric = type?.Value == "number";
        if (numeric && iterator is null)
            r.Bag.Error(DiagnosticCodes.MissingKey, type!.Span, "a number iterator needs 'iterator:' (the default iterator is the observed_at timestamp)", "add 'iterator: <column>'");
        long seconds = numeric ? 0 : IncrementalSpec.DefaultLookbackSeconds;
        if (lookback is not null && !TryLookback(lookback.Value, numeric, out seconds))
            r.Bag.Error(DiagnosticCodes.BadLookback, lookback.Span, $"lookback '{lookback.Value}' is not {(numeric ? "a whole number" : "a duration")}",
                numeric ? "a number iterator's lookback is a whole number in its units, e.g. 'lookback: 1000'" : "write a whole number and a unit: '90 seconds', '30 minutes', '6 hours', '3 days'");
        else if (lookback is not null && !numeric && seconds > MaxLookbackSeconds)
            // Multiplied out it would overflow (and a negative lookback would skip new rows); no load is that late.
            r.Bag.Error(DiagnosticCodes.BadLookback, lookback.Span, $"lookback '{lookback.Value}' is more than 100 years",
                "an input read whole every run needs no incremental: at all");
        return new IncrementalSpec(iterator, numeric, seconds, r.Span);
    }

    private static bool TryLookback(string text, bool numeric, out long value)
    {
        value = 0;
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)) return false;
        if (numeric) { value = n; return parts.Length == 1; }
        if (parts.Length != 2) return false;
        long? unit = parts[1].TrimEnd('s') switch { "second" => 1, "minute" => 60, "hour" => 3600, "day" => 86400, _ => null };
        if (unit is null) return false;
        // Saturates instead of overflowing: anything past the largest lookback is refused by the caller.
        value = n > MaxLookbackSeconds / unit.Value ? long.MaxValue : n * unit.Value;
        return true;
    }

    /// <summary>The longest lookback of a timestamp iterator: 100 years of 365.25 days, in seconds.</summary>
    private const long MaxLookbackSeconds = 3_155_760_000;

    private static IdentifierSpec? ReadIdentifier(MappingReader r)
    {
        var column = r.String("column", required: true);
        var path = r.String("path");
        var each = r.Bool("each");
        var type = r.String("type", required: true);
        r.Finish();
        if (path is not null && each?.Value == true)
            r.Bag.Error(DiagnosticCodes.InvalidValue, path.Span, "an identifier takes either 'path' or 'each: true', not both");
        return column is null || type is null ? null : new IdentifierSpec(column, path, each?.Value ?? false, type, r.Span);
    }

    public static IdentitySpec? Read(MappingReader? r)
    {
        if (r is null) return null;
        var types = new List<IdTypeSpec>();
        var idTypes = r.Mapping("id_types");
        if (idTypes is null)
            r.Bag.Error(DiagnosticCodes.MissingKey, r.Span, "identity has no 'id_types'", "add 'id_types:' with at least one type");
        else
        {
            foreach (var (name, _) in idTypes.Entries().ToList())
            {
                var type = ReadType(name, MappingReader.From(idTypes.File, idTypes.Node(name.Value), r.Bag, $"id type '{name.Value}'"));
                if (type is not null) types.Add(type);
            }
            idTypes.Finish();
        }
        var exclude = ReadExclusions(r, "exclude");
        var minLength = r.Int("amplitude_min_id_length");
        r.Finish();
        return new IdentitySpec(types, exclude, r.Span) { AmplitudeMinIdLength = minLength };
    }

    private static IdTypeSpec? ReadType(Located<string> name, MappingReader? r)
    {
        if (r is null) return null;
        var spec = new IdTypeSpec(name, r.Span)
        {
            Priority = r.Int("priority"),
            Limit = r.Int("limit"),
            NormalizeWritten = r.Node("normalize") is not null,
            Normalize = ReadNormalize(r),
            MinLength = r.Int("min_length"),
            MaxLength = r.Int("max_length"),
            Pattern = r.String("pattern"),
            Exclude = ReadExclusions(r, "exclude"),
            MaxLinks = ReadMaxLinks(r),
        };
        if (spec.Priority is null && !r.HasValue("priority"))
            r.Bag.Error(DiagnosticCodes.MissingKey, name.Span, $"id type '{name.Value}' has no 'priority'", "add 'priority: <n>' (1 is the strongest)");
        r.Finish();
        return spec;
    }

    private static IReadOnlyList<(Located<string>, Located<string>?)> ReadNormalize(MappingReader r)
    {
        var node = r.Node("normalize");
        if (node is null) return [];
        var items = node is YamlSequenceNode sequence ? sequence.Children : (IEnumerable<YamlNode>)[node];
        var result = new List<(Located<string>, Located<string>?)>();
        foreach (var item in items)
        {
            var span = YamlFile.Span(r.File, item);
            if (item is YamlScalarNode scalar)
            {
                result.Add((new Located<string>(scalar.Value ?? "", span), null));
                continue;
            }
            var mapping = MappingReader.From(r.File, item, r.Bag, "a normaliser");
            if (mapping is null) continue;
            var pattern = mapping.String("regex_extract", required: true);
            mapping.Finish();
            if (pattern is not null) result.Add((new Located<string>("regex_extract", span), pattern));
        }
        return result;
    }

    private static IReadOnlyList<ExclusionSpec> ReadExclusions(MappingReader r, string key)
    {
        var node = r.Node(key);
        if (node is null) return [];
        var items = node is YamlSequenceNode sequence ? sequence.Children : (IEnumerable<YamlNode>)[node];
        var result = new List<ExclusionSpec>();
        foreach (var item in items)
        {
            if (item is YamlScalarNode scalar)
            {
                result.Add(new ExclusionSpec(new Located<string>(scalar.Value ?? "", YamlFile.Span(r.File, item)), false));
                continue;
            }
            var mapping = MappingReader.From(r.File, item, r.Bag, $"an item of '{key}'");
            if (mapping is null) continue;
            var regex = mapping.String("regex", required: true);
            mapping.Finish();
            if (regex is not null) result.Add(new ExclusionSpec(regex, true));
        }
        return result;
    }

    private static IReadOnlyList<(Located<string>, Located<int>)> ReadMaxLinks(MappingReader r)
    {
        var links = r.Mapping("max_links");
        if (links is null) return [];
        var result = new List<(Located<string>, Located<int>)>();
        foreach (var (other, _) in links.Entries().ToList())
        {
            var max = links.Int(other.Value);
            if (max is not null) result.Add((other, max));
        }
        links.Finish();
        return result;
    }
}
