using System.Globalization;
using Pipes.Core.Load;

namespace Pipes.Core.Tasks;

/// <summary><c>pipes explain &lt;type&gt;:&lt;value&gt; [--to type:value]</c>: the profile of an identifier and why.</summary>
public static class ExplainTask
{
    public static async Task<int> ExecuteAsync(CommandOptions options, string identifier, string? to, TaskOutput output, CancellationToken cancellationToken)
    {
        var (project, bag) = ProjectLoader.Load(options.ProjectDirectory, options.ToLoadOptions());
        output.Diagnostics(bag);
        if (project is null || bag.HasErrors) return ExitCodes.Failure;
        if (project.Identity is null) return Fail(output, "the project has no identity rules; explain needs an identity: block and a pipes build");
        var types = project.Identity.Rules.Types.Select(t => t.Name).ToList();
        if (Parse(identifier, types, output) is not { } subject) return ExitCodes.Failure;
        (string, string)? goal = null;
        if (to is not null)
        {
            if (Parse(to, types, output) is not { } g) return ExitCodes.Failure;
            goal = g;
        }
        var templateBag = new Diagnostics.DiagnosticBag();
        var catalog = new Templating.TemplateCatalog(project.RootDirectory, templateBag);
        output.Diagnostics(templateBag);
        if (templateBag.HasErrors) return ExitCodes.Failure;
        await using var target = TargetFactory.Open(project);
        var missing = await BuiltRelations.MissingAsync(project, catalog, target, [Compile.IdentitySqlModel.Tables["graph"]], cancellationToken);
        if (missing.Count > 0) return Fail(output, BuiltRelations.NotBuilt(project, options, "pipes explain", missing).ToString());
        var explanation = await new IdentityExplainer(project, target, catalog).ExplainAsync(subject.Type, subject.Value, goal, cancellationToken);
        Print(explanation, output);
        return ExitCodes.Success;
    }

    private static (string Type, string Value)? Parse(string text, IReadOnlyList<string> types, TaskOutput output)
    {
        var colon = text.IndexOf(':');
        var type = colon < 0 ? "" : text[..colon];
        if (colon <= 0 || colon == text.Length - 1 || !types.Contains(type))
        {
            var hint = Diagnostics.DidYouMean.Hint(type, types);
            Fail(output, $"'{text}' is not <type>:<value> with a declared id type ({string.Join(", ", types)}){(hint is null ? "" : "; " + hint)}");
            return null;
        }
        return (type, text[(colon + 1)..]);
    }

    private static int Fail(TaskOutput output, string message)
    {
        output.Error(message);
        return ExitCodes.Failure;
    }

    private static void Print(Explanation e, TaskOutput output)
    {
        if (e.ProfileId is null)
        {
            var why = e.Dropped.Count == 0 ? "it was never observed" : "its observations were dropped: " + string.Join(", ", e.Dropped.Select(d => $"{d.Reason} ({d.Observations})"));
            output.Info($"{e.Type}:{e.Value} is in no profile: {why}", ("event", "explain"), ("profile_id", null), ("normalized", e.Normalized));
            return;
        }
        output.Info($"{e.Type}:{e.Normalized} is in profile {e.ProfileId} (canonical {e.Canonical}), {e.Members.Count} identifiers",
            ("event", "explain"), ("profile_id", e.ProfileId), ("canonical", e.Canonical), ("members", e.Members.Select(m => $"{m.Type}:{m.Value}").ToList()));
        foreach (var group in e.Members.GroupBy(m => m.Type))
            output.Info($"  {group.Key,-12} {string.Join(", ", group.Select(m => m.Value))}");
        if (e.ChainGoal is null) output.Info("  the --to identifier is not a member of this profile, so no chain joins them");
        else
        {
            output.Info(e.Chain.Count == 0 && e.ChainGoal == $"{e.Type}:{e.Normalized}"
                ? $"It is the canonical member itself."
                : $"Chain to {e.ChainGoal} ({e.Chain.Count} link{(e.Chain.Count == 1 ? "" : "s")}):",
                ("event", "explain_chain"), ("links", e.Chain.Select(l => $"{l.From} -- {l.To} ({l.Source} row {l.Row})").ToList()));
            foreach (var link in e.Chain)
                output.Info($"  {link.From} -- {link.To}   {link.Source} row {link.Row}, observed {link.ObservedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}{(link.RowsBehind > 1 ? $" (+{link.RowsBehind - 1} more rows)" : "")}");
        }
        foreach (var (linked, links) in e.OverConnected)
            output.Info($"  over-connected: linked to {links} {linked} values, above its max_links; all its edges were dropped and it stays a profile of its own");
        foreach (var refused in e.Refused) output.Info("  " + refused);
        PrintHistory(e, output);
    }

    private static void PrintHistory(Explanation e, TaskOutput output)
    {
        if (e.History is not { } history)
        {
            output.Info("History: none recorded (no pipes_id_history table: the last build predates it)");
            return;
        }
        output.Info($"History ({history.Count} event{(history.Count == 1 ? "" : "s")}):",
            ("event", "explain_history"), ("history", history.Select(h => $"{h.Event} {h.OldProfileId ?? "-"} {h.NewProfileId ?? "-"} {h.Identifiers} {h.RunId}").ToList()));
        foreach (var h in history)
            output.Info($"  {h.RunAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}  run {h.RunId}  {Describe(h)}");
    }

    private static string Describe(HistoryEvent h)
    {
        string Id(string? id, string? canonical) => canonical is null ? id ?? "" : $"{id} ({canonical})";
        var ids = $"{h.Identifiers} identifier{(h.Identifiers == 1 ? "" : "s")}";
        return h.Event switch
        {
            "created" => $"created {Id(h.NewProfileId, h.NewCanonical)} with {ids}",
            "removed" => $"removed {Id(h.OldProfileId, h.OldCanonical)}: its {ids} left the graph",
            "merged" => $"merged {Id(h.OldProfileId, h.OldCanonical)} into {Id(h.NewProfileId, h.NewCanonical)}, {ids} moved",
            "split" => $"split {Id(h.OldProfileId, h.OldCanonical)}: {ids} now in {Id(h.NewProfileId, h.NewCanonical)}",
            "rekeyed" => $"re-keyed {Id(h.OldProfileId, h.OldCanonical)} to {Id(h.NewProfileId, h.NewCanonical)} (its canonical member changed), {ids}",
            _ => $"{h.Event} {h.OldProfileId} {h.NewProfileId} {ids}",
        };
    }
}
