using static Pipes.Core.RulePlan.RulePlanReport;

namespace Pipes.Core.RulePlan;

/// <summary>
/// Classifies where identifiers go into profile events with the history's definition (docs/identity.md, History):
/// for an old id its targets, for a new id its sources; then created, removed, split, merged or rekeyed. Each event
/// gets the causes found around its profiles (<see cref="Cause"/>): the rule behind it where one can be named.
/// </summary>
public static class ProfileEvents
{
    /// <summary>Identifiers that sat under <paramref name="Old"/> (null: new to the graph) and sit under <paramref name="New"/> (null: left it).</summary>
    public sealed record Pair(string? Old, string? New, long Identifiers, string? OldCanonical, string? NewCanonical);

    /// <summary>Something that changed around a profile: <paramref name="Side"/> old reads live profile ids, new the planned ones.</summary>
    public sealed record Cause(string Side, string ProfileId, string Kind, string Detail, long Count)
    {
        /// <summary>The rule in words, without the count (events are counted per label).</summary>
        public string Label => Kind switch
        {
            "max_links" => $"max_links of {Detail}",
            "max_links_lifted" => $"max_links of {Detail} no longer reached",
            "limit" => $"limit of {Detail}",
            "limit_lifted" => $"limit of {Detail} no longer reached",
            "left_graph" => $"{Detail} identifiers dropped (an exclusion or a validity rule)",
            "new_type" => $"new identifier type {Detail}",
            "new_identifiers" => $"new {Detail} identifiers (a new input or new rows)",
            _ => $"{Kind} {Detail}",
        };
    }

    public static readonly IReadOnlyList<string> Kinds = ["merged", "split", "rekeyed", "created", "removed"];

    /// <summary>The events, every one, in profile id order.</summary>
    public static IReadOnlyList<ProfileEvent> Classify(IReadOnlyList<Pair> pairs, IReadOnlyList<Cause> causes)
    {
        var targets = pairs.Where(p => p.Old is not null && p.New is not null).GroupBy(p => p.Old!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var sources = pairs.Where(p => p.Old is not null && p.New is not null).GroupBy(p => p.New!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Old!).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        var canonical = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var p in pairs)
        {
            if (p.Old is not null) canonical.TryAdd("o:" + p.Old, p.OldCanonical);
            if (p.New is not null) canonical.TryAdd("n:" + p.New, p.NewCanonical);
        }
        var oldTotals = pairs.Where(p => p.Old is not null).GroupBy(p => p.Old!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(p => p.Identifiers), StringComparer.Ordinal);
        var newTotals = pairs.Where(p => p.New is not null).GroupBy(p => p.New!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(p => p.Identifiers), StringComparer.Ordinal);
        var oldCauses = causes.Where(c => c.Side == "old").ToLookup(c => c.ProfileId, StringComparer.Ordinal);
        var newCauses = causes.Where(c => c.Side == "new").ToLookup(c => c.ProfileId, StringComparer.Ordinal);

        var events = new List<ProfileEvent>();
        foreach (var old in oldTotals.Keys.Order(StringComparer.Ordinal))
        {
            var into = targets.GetValueOrDefault(old) ?? [];
            var total = oldTotals[old];
            var from = new ProfileRef(old, canonical.GetValueOrDefault("o:" + old), total);
            string? kind = into.Count switch
            {
                0 => "removed",
                > 1 => "split",
                _ when into[0].New == old => null, // keeps its id: identifiers joining or leaving it are no event
                _ => sources[into[0].New!] >= 2 ? "merged" : "rekeyed",
            };
            if (kind is null) continue;
            var refs = into.Select(p => new ProfileRef(p.New!, canonical.GetValueOrDefault("n:" + p.New), p.Identifiers)).ToList();
            var labels = oldCauses[old].Concat(into.SelectMany(p => newCauses[p.New!])).Select(c => c.Label).Distinct().Order(StringComparer.Ordinal).ToList();
            events.Add(new ProfileEvent(kind, from, refs, kind == "removed" ? total : into.Sum(p => p.Identifiers), labels));
        }
        foreach (var created in newTotals.Keys.Order(StringComparer.Ordinal))
        {
            if (sources.ContainsKey(created)) continue;
            var total = newTotals[created];
            var labels = newCauses[created].Select(c => c.Label).Distinct().Order(StringComparer.Ordinal).ToList();
            events.Add(new ProfileEvent("created", null, [new ProfileRef(created, canonical.GetValueOrDefault("n:" + created), total)], total, labels));
        }
        return events;
    }

    /// <summary>The events by kind: counts, causes counted, the largest few as examples.</summary>
    public static IReadOnlyList<EventGroup> Group(IReadOnlyList<ProfileEvent> events, int examples)
    {
        return Kinds.Select(kind =>
        {
            var of = events.Where(e => e.Event == kind).ToList();
            var counted = of.SelectMany(e => e.Causes.DefaultIfEmpty("no rule named (data or a rule not traced)"))
                .GroupBy(c => c, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
            return new EventGroup(kind, of.Count, of.Sum(e => e.Identifiers), counted,
                of.OrderByDescending(e => e.Identifiers).ThenBy(e => e.From?.ProfileId ?? e.Into[0].ProfileId, StringComparer.Ordinal).Take(examples).ToList());
        }).Where(g => g.Count > 0).ToList();
    }
}
