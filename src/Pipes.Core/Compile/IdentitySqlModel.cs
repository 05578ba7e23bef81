using Pipes.Core.Identity;
using Pipes.Core.Load;
using Scriban.Runtime;
using Pipes.Core.Properties;

namespace Pipes.Core.Compile;

/// <summary>
/// The typed model the identity templates render from: relation names of every table, the rules as plain values,
/// and each input with its identifier columns. Everything is ordered, so the SQL is byte-stable.
/// </summary>
public static class IdentitySqlModel
{
    /// <summary>Fixed names of the relations the identity node writes, by their template key.</summary>
    public static readonly IReadOnlyDictionary<string, string> Tables = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["observations"] = "pipes_id_observations",
        ["missing"] = "pipes_id_missing",
        ["invalid"] = "pipes_id_invalid",
        ["nodes"] = "pipes_id_nodes",
        ["edges"] = "pipes_id_edges",
        ["shared"] = "pipes_id_shared",
        ["active_edges"] = "pipes_id_active_edges",
        ["links"] = "pipes_id_links",
        ["labels"] = "pipes_id_labels",
        ["labels_next"] = "pipes_id_labels_next",
        // The nodes whose parent changed in the last round: the next round revisits only them and their links.
        ["frontier"] = "pipes_id_frontier",
        ["hooked"] = "pipes_id_hooked",
        ["rounds"] = "pipes_id_rounds",
        ["violating"] = "pipes_id_violating",
        ["split"] = "pipes_id_split",
        ["split_refusals"] = "pipes_id_split_refusals",
        ["refused"] = IdentityOutputs.Refused,
        ["graph"] = IdentityOutputs.Graph,
        ["history"] = "pipes_id_history",
        ["history_run"] = "pipes_id_history_run",
        ["run"] = "pipes_id_run",
        ["state"] = "pipes_id_state",
        ["rules_check"] = "pipes_id_rules_check",
        ["profiles"] = IdentityOutputs.Profiles,
        // The finish step's results, published to graph, profiles and refused (Compiler.Outputs).
        ["graph_next"] = PublishedTables.Scratch(IdentityOutputs.Graph),
        ["profiles_next"] = PublishedTables.Scratch(IdentityOutputs.Profiles),
        ["refused_next"] = PublishedTables.Scratch(IdentityOutputs.Refused),
        ["split_udtf"] = "pipes_id_split_udtf",
        ["exclusion_values"] = "pipes_id_exclusion_values",
        ["exclusions"] = "pipes_id_exclusions",
        ["observed_at"] = "pipes_id_observed_at",
        ["source_rows"] = "pipes_id_source_rows",
        ["watermarks"] = "pipes_id_watermarks",
        ["watermarks_next"] = "pipes_id_watermarks_next",
        // Per input without iterator, its row count and digest as of the last completed run, and this run's.
        ["input_digests"] = "pipes_id_input_digests",
        ["input_digests_next"] = "pipes_id_input_digests_next",
        // Incremental graph (docs/identity.md, Incremental runs): the persisted component of every node, the rows the
        // graph has integrated, and this run's scratch tables for the components it touches.
        ["components"] = "pipes_id_components",
        ["graph_state"] = "pipes_id_graph_state",
        ["graph_reset"] = "pipes_id_graph_reset",
        ["fresh"] = "pipes_id_fresh",
        ["fresh_ids"] = "pipes_id_fresh_ids",
        ["fresh_edges"] = "pipes_id_fresh_edges",
        ["relinked"] = "pipes_id_relinked",
        ["touched"] = "pipes_id_touched",
        ["split_order"] = "pipes_id_split_order",
        // The keys of each output this run may change (PublishedOutput.Scope): publishing compares only those.
        ["graph_scope"] = PublishedTables.Scope(IdentityOutputs.Graph),
        ["profiles_scope"] = PublishedTables.Scope(IdentityOutputs.Profiles),
        ["refused_scope"] = PublishedTables.Scope(IdentityOutputs.Refused),
        // The counts of every published output: an identity output with no row there has never been published by
        // this Pipes (a table an older one replaced), so the graph is rebuilt and published in full once.
        ["output_changes"] = PublishedOutput.CountsTable,
    };

    /// <summary>
    /// The keys of the work tables (Dialect.WorkTable): this run's alone, dropped at its end (scratch_drop) or on the
    /// way, like each input's read and rows tables.
    /// </summary>
    public static readonly IReadOnlySet<string> WorkTables = new HashSet<string>(StringComparer.Ordinal)
    {
        "exclusion_values", "fresh", "fresh_ids", "fresh_edges", "relinked", "links", "labels", "labels_next", "frontier", "hooked",
        "violating", "split_order", "split",
    };

    public static void Fill(ScriptObject globals, Project project, IdentityProject identity, RelationNames relations)
    {
        var tables = new ScriptObject();
        foreach (var (key, name) in Tables)
            tables.SetValue(key, WorkTables.Contains(key) ? project.Dialect.WorkRelation(relations.Model(name), name) : relations.Model(name), true);
        tables.SetValue("frontier_name", Tables["frontier"], true);
        globals.SetValue("t", tables, true);
        globals.SetValue("published_names", new ScriptArray(new[] { IdentityOutputs.Graph, IdentityOutputs.Refused, IdentityOutputs.Profiles }), true);
        var inputs = Inputs(project, identity, relations);
        globals.SetValue("inputs", inputs, true);
        // Whether a row can name one id twice: only when an input reads one type from several columns or an array.
        globals.SetValue("rows_repeat_ids", inputs.Cast<ScriptObject>().Any(i => ((ScriptArray)i["groups"]).Cast<ScriptObject>().Any(g => (bool)g["distinct"])), true);
        var rules = identity.Rules;
        var types = rules.TypesInPriorityOrder();
        globals.SetValue("types", new ScriptArray(types.Select(Type)), true);
        globals.SetValue("limited", new ScriptArray(types.Where(t => t.Limit is not null).Select(Type)), true);
        globals.SetValue("max_links", new ScriptArray(types.SelectMany(t => t.MaxLinks.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => new ScriptObject { ["type"] = t.Name, ["other"] = m.Key, ["max"] = m.Value }))), true);
        globals.SetValue("global_exclude_patterns", new ScriptArray(rules.GlobalExclusions.Patterns), true);
        globals.SetValue("placeholders", new ScriptArray(IdentityPlaceholders.Values), true);
        globals.SetValue("reasons", new ScriptArray(InvalidReasons.InOrder), true);
        // invalid_reason.<name>: the names a check writes, from their one home (InvalidReasons)
        var reason = new ScriptObject();
        foreach (var name in InvalidReasons.InOrder) reason.SetValue(name, name, true);
        globals.SetValue("invalid_reason", reason, true);
        globals.SetValue("epoch", project.Dialect.TimestampLiteral(IdentityRules.DefaultObservedAt), true);
        globals.SetValue("amplitude_user_type", rules.AmplitudeUserIdType, true);
        globals.SetValue("amplitude_device_type", rules.AmplitudeDeviceIdType, true);
        globals.SetValue("amplitude_min_length", rules.AmplitudeMinIdLength, true);
        // The UDTF gets the limited types in priority order, so a refusal names the strongest broken limit.
        globals.SetValue("rules_checksum", IdentityRulesChecksum.Of(identity), true);
        globals.SetValue("limits_json", "[" + string.Join(",", types.Where(t => t.Limit is not null).Select(t => $"[\"{t.Name}\",{t.Limit}]")) + "]", true);
    }

    /// <summary>A type rule as templates see it (also used for property keys, which normalise exactly as identity does).</summary>
    public static ScriptObject Type(IdTypeRule rule) => new()
    {
        ["name"] = rule.Name,
        ["priority"] = rule.Priority,
        ["limit"] = rule.Limit,
        ["min_length"] = rule.MinLength,
        ["max_length"] = rule.MaxLength,
        ["pattern"] = rule.Pattern,
        ["normalizers"] = new ScriptArray(rule.Normalizers.Select(n => new ScriptObject
        {
            ["kind"] = n.Kind.ToString(),
            ["pattern"] = n.Pattern,
            // regex_extract keeps the first group when the pattern has one (IdNormalizerKind.RegexExtract).
            ["group"] = n.Pattern is null ? 0 : PortableRegex.Check(n.Pattern).Groups > 0 ? 1 : 0,
        })),
        ["exclude_patterns"] = new ScriptArray(rule.Exclusions.Patterns),
        // The normalisers leave a value in lowercase: the last one that changes case is lowercase (the ones after it
        // only remove or extract characters), so lowercasing the normalised value again changes nothing.
        ["lowercased"] = rule.Normalizers.LastOrDefault(n => n.Kind is IdNormalizerKind.Lowercase or IdNormalizerKind.Uppercase)?.Kind == IdNormalizerKind.Lowercase,
    };

    /// <summary>
    /// Exact exclusions as (type, value) rows, the type null for global ones, in order; the compiler renders them
    /// as INSERTs of <see cref="ExclusionChunk"/> rows each, so no statement grows with the list.
    /// </summary>
    public static IEnumerable<ScriptArray> ExclusionRows(IdentityRules rules) =>
        rules.TypesInPriorityOrder().SelectMany(t => t.Exclusions.Values.Select(v => new ScriptArray { t.Name, v }))
            .Concat(rules.GlobalExclusions.Values.Select(v => new ScriptArray { null, v }));

    public const int ExclusionChunk = 1000;

    private static ScriptArray Inputs(Project project, IdentityProject identity, RelationNames relations)
    {
        var inputs = new ScriptArray();
        for (var i = 0; i < identity.Inputs.Count; i++)
        {
            var input = identity.Inputs[i];
            var relation = input.Kind == IdentityInputKind.Source ? relations.Source(input.Name, input.Table!) : relations.Model(input.Name);
            var declarations = input.Declarations;
            var incremental = declarations.Incremental;
            // The iterator finds new rows. Only an input that declares `incremental:` has one (its observed_at by
            // default): a row older than the watermark less the lookback is never read, so that is the user's choice,
            // not a default. Without it every row is read and the fingerprints keep each row once.
            var iterator = incremental is null ? null : incremental.Iterator?.Value ?? declarations.ObservedAt?.Value;
            var numeric = incremental?.NumericIterator ?? false;
            var dialect = project.Dialect;
            // The columns the read uses, numbered with the rows before anything is computed from them. A row is what
            // they say to identity: its observed_at and identifier columns, as text, are its fingerprint
            // (docs/identity.md, incremental runs). Not the iterator: a row delivered again with a later load time is
            // the same row.
            var columns = new[] { declarations.ObservedAt?.Value }.Concat(declarations.Identifiers.Select(id => id.Column.Value))
                .OfType<string>().Distinct(StringComparer.Ordinal).Select(dialect.Quote).ToList();
            var fingerprinted = columns.Select(dialect.ToText);
            var identifiers = input.Declarations.Identifiers.Select((id, j) => new ScriptObject
            {
                ["no"] = j,
                ["column"] = project.Dialect.Quote(id.Column.Value),
                ["path"] = id.Path?.Value,
                ["each"] = id.Each,
                ["type"] = id.Type.Value,
            });
            inputs.Add(new ScriptObject
            {
                ["no"] = i + 1,
                ["label"] = input.Label,
                ["relation"] = relation,
                ["read"] = dialect.WorkRelation(relations.Model($"pipes_id_read_{i + 1}"), $"pipes_id_read_{i + 1}"),
                ["rows"] = dialect.WorkRelation(relations.Model($"pipes_id_rows_{i + 1}"), $"pipes_id_rows_{i + 1}"),
                ["observed_at"] = input.Declarations.ObservedAt is { } at ? project.Dialect.Quote(at.Value) : null,
                ["iterator_name"] = iterator,
                ["iterator"] = iterator is null ? null
                    : numeric ? dialect.SafeCast(dialect.Quote(iterator), "number") : dialect.CoerceColumnDatetime(dialect.Quote(iterator)),
                ["numeric"] = numeric,
                ["lookback"] = incremental?.Lookback ?? (numeric ? 0 : IncrementalSpec.DefaultLookbackSeconds),
                ["fingerprint"] = new ScriptArray(fingerprinted),
                ["columns"] = new ScriptArray(columns),
                ["identifiers"] = new ScriptArray(identifiers),
                ["groups"] = Groups(input, identity.Rules),
            });
        }
        return inputs;
    }

    /// <summary>
    /// An input's identifiers by type. A type read from several columns, or from an array, can see one value twice in
    /// a row; that is one observation (section 1), so its group is deduplicated.
    /// </summary>
    private static ScriptArray Groups(IdentityInput input, IdentityRules rules)
    {
        var numbered = input.Declarations.Identifiers.Select((id, j) => (Id: id, No: j)).ToList();
        return new ScriptArray(numbered.GroupBy(x => x.Id.Type.Value, StringComparer.Ordinal).Select(g => new ScriptObject
        {
            ["type"] = g.Key,
            ["rule"] = Type(rules.Type(g.Key)),
            ["identifiers"] = new ScriptArray(g.Select(x => new ScriptObject { ["no"] = x.No, ["each"] = x.Id.Each, ["type"] = x.Id.Type.Value })),
            ["plain_nos"] = new ScriptArray(g.Where(x => !x.Id.Each).Select(x => x.No)),
            ["distinct"] = g.Count() > 1 || g.Any(x => x.Id.Each),
        }));
    }
}
