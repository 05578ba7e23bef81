using System.Text.Json.Nodes;
using Pipes.Core.Compile;
using Pipes.Core.Identity;
using Pipes.Core.Targets;

namespace Pipes.Core.Docs;

/// <summary>The identity page: the rules in plain words and the figures of the last run, read from the identity tables.</summary>
public static class IdentitySection
{
    /// <summary>Most rows of a list (largest profiles, shared ids, refused edges, history events); the page says when a list is cut.</summary>
    public const int ListCap = 50;

    public static async Task<JsonObject> ReadAsync(IdentityProject identity, WarehouseReader warehouse, CancellationToken cancellationToken)
    {
        var section = new JsonObject { ["rules"] = Rules(identity.Rules), ["list_cap"] = ListCap };
        var needed = new[] { "profiles", "graph", "edges", "refused", "observations", "shared", "invalid", "rounds" }.Select(k => IdentitySqlModel.Tables[k]).ToArray();
        if (!warehouse.Has(needed))
        {
            section["missing"] = string.Join(", ", needed.Where(n => !warehouse.Has(n)));
            return section;
        }
        async Task<IReadOnlyList<object?[]>> Q(int i) => await warehouse.QueryAsync("docs/identity.sql.scriban", new() { ["cap"] = ListCap }, i, cancellationToken);
        var totals = (await Q(0))[0];
        section["profiles"] = Cells.Long(totals[0]);
        section["identifiers"] = Cells.Long(totals[1]);
        section["edges"] = Cells.Long(totals[2]);
        section["refused_edges"] = Cells.Long(totals[3]);
        section["observations"] = Cells.Long(totals[4]);
        section["identifiers_by_type"] = Rows(await Q(1), "id_type", "identifiers");
        section["profile_sizes"] = Rows(await Q(2), "identifiers", "profiles");
        section["largest_profiles"] = Rows(await Q(3), "profile_id", "canonical_type", "canonical_value", "identifiers");
        section["shared"] = Rows(await Q(4), "id_type", "id_value", "linked_type", "link_count");
        section["refused_by_limit"] = Rows(await Q(5), "limit_type", "edges");
        section["refused_samples"] = Rows(await Q(6), "from_type", "from_value", "to_type", "to_value", "limit_type", "first_seen");
        section["invalid"] = Rows(await Q(7), "id_type", "reason", "observations", "samples");
        section["rounds"] = Rows(await Q(8), "round_no", "changed_labels");
        section["shared_identifiers"] = Cells.Long((await Q(9))[0][0]);
        if (warehouse.Has(IdentitySqlModel.Tables["history"]))
        {
            var model = () => new Dictionary<string, object?> { ["cap"] = ListCap };
            section["history"] = new JsonObject
            {
                ["runs"] = Rows(await warehouse.QueryAsync("docs/history.sql.scriban", model(), 0, cancellationToken), "run_id", "run_at", "event", "events", "identifiers"),
                ["latest"] = Rows(await warehouse.QueryAsync("docs/history.sql.scriban", model(), 1, cancellationToken),
                    "run_at", "run_id", "event", "old_profile_id", "new_profile_id", "identifiers", "old_canonical", "new_canonical"),
            };
        }
        return section;
    }

    public static JsonArray Rows(IReadOnlyList<object?[]> rows, params string[] names) => new(rows.Select(r => (JsonNode)Cells.Row(r, names)).ToArray());

    /// <summary>Each id type's rules as one sentence, strongest first (docs/identity.md, YAML).</summary>
    public static JsonObject Rules(IdentityRules rules)
    {
        var types = new JsonArray();
        foreach (var t in rules.TypesInPriorityOrder())
        {
            var parts = new List<string> { $"priority {t.Priority} (lower is stronger)" };
            parts.Add(t.Limit is { } limit ? $"a profile holds at most {limit} {t.Name} value{(limit == 1 ? "" : "s")}; a link that would exceed it is refused" : "no limit on how many a profile holds");
            if (t.Normalizers.Count > 0) parts.Add("values are trimmed, then " + string.Join(", then ", t.Normalizers.Select(Normalizer)));
            else parts.Add("values are trimmed");
            if (t.MinLength is { } min) parts.Add($"shorter than {min} characters is invalid");
            if (t.MaxLength is { } max) parts.Add($"longer than {max} characters is invalid");
            if (t.Pattern is { } pattern) parts.Add($"a value must match the regex {pattern}");
            if (t.Exclusions.Values.Count + t.Exclusions.Patterns.Count > 0) parts.Add("excluded: " + Exclusions(t.Exclusions));
            foreach (var (other, links) in t.MaxLinks.OrderBy(m => m.Key, StringComparer.Ordinal))
                parts.Add($"a {t.Name} linked to more than {links} {other} values is over-connected: it loses all its links and stays a profile of its own");
            types.Add(new JsonObject
            {
                ["name"] = t.Name,
                ["priority"] = t.Priority,
                ["limit"] = t.Limit,
                ["words"] = $"{t.Name}: " + string.Join("; ", parts) + ".",
            });
        }
        var global = rules.GlobalExclusions.Values.Count + rules.GlobalExclusions.Patterns.Count > 0
            ? "Every type also excludes " + Exclusions(rules.GlobalExclusions) + ", and the built-in placeholders (null, none, unknown, the zero UUID…)."
            : "Every type excludes the built-in placeholders (null, none, unknown, the zero UUID…).";
        return new JsonObject
        {
            ["types"] = types,
            ["global"] = global,
            ["amplitude"] = $"Amplitude ids: user_id from {rules.AmplitudeUserIdType}, device_id from {rules.AmplitudeDeviceIdType}, shorter than {rules.AmplitudeMinIdLength} characters is not sent.",
        };
    }

    private static string Normalizer(IdNormalizer n) => n.Kind switch
    {
        IdNormalizerKind.Lowercase => "lower-cased",
        IdNormalizerKind.Uppercase => "upper-cased",
        IdNormalizerKind.RemoveWhitespace => "stripped of whitespace",
        IdNormalizerKind.DigitsOnly => "reduced to its digits",
        IdNormalizerKind.RegexExtract => $"cut to the first match of {n.Pattern}",
        _ => n.Kind.ToString(),
    };

    private static string Exclusions(IdExclusions e) =>
        string.Join(", ", e.Values.Select(v => $"'{v}'").Concat(e.Patterns.Select(p => $"values matching {p}")));
}
