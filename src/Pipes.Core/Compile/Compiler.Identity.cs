using Pipes.Core.Diagnostics;
using Pipes.Core.Identity;
using Pipes.Core.Plan;
using Pipes.Core.Templating;
using Scriban.Runtime;

namespace Pipes.Core.Compile;

/// <summary>
/// The identity node (docs/identity.md): prepare (observations to hub edges and shared ids), connected-component
/// rounds, the ordered split of the components that break a limit, then graph and profiles. With scripting
/// (Snowflake) it is one self-contained script plus a JavaScript UDTF; without (DuckDB) the runner drives the rounds
/// and runs the split in the host.
/// </summary>
public sealed partial class Compiler
{
    private CompiledNode? CompileIdentity(Node node, DiagnosticBag bag)
    {
        var identity = _project.Identity!;
        var relation = _relations.Model(IdentitySqlModel.Tables["profiles"]);
        var globals = Globals(relation);
        IdentitySqlModel.Fill(globals, _project, identity, _relations);

        var exclusions = ExclusionStatements(globals, identity.Rules, bag);
        var graph = Statements("identity/prepare_graph.sql.scriban", globals, bag);
        var round = Statements("identity/round.sql.scriban", globals, bag);
        var changed = Statements("identity/round_changed.sql.scriban", globals, bag);
        var cap = Statements("identity/round_cap.sql.scriban", globals, bag);
        var violating = Statements("identity/violating.sql.scriban", globals, bag);
        // Refusals are numbered in SQL after either split, and working tables dropped after the outputs are built.
        var finish = Statements("identity/split_number.sql.scriban", globals, bag)?.Concat(Statements("identity/finish.sql.scriban", globals, bag) ?? [])
            .Concat(Statements("identity/scratch_drop.sql.scriban", globals, bag) ?? []).ToList();
        var scripting = _project.Dialect.SupportsScripting;
        var splitStatements = scripting
            ? Statements("identity/split_udtf.sql.scriban", globals, bag)?.Concat(Statements("identity/split_with_udtf.sql.scriban", globals, bag) ?? []).ToList()
            : [Single("identity/split_nodes.sql.scriban", globals, bag) ?? "", Single("identity/split_edges.sql.scriban", globals, bag) ?? ""];
        // Section 7 history: the rules check runs first; this run's events join the history once the outputs are
        // published, and the rules are saved after that.
        var check = Statements("identity/history_check.sql.scriban", globals, bag);
        var append = Statements("identity/history_append.sql.scriban", globals, bag);
        var save = Statements("identity/history_save.sql.scriban", globals, bag);
        var idle = Statements("identity/history_idle.sql.scriban", globals, bag);
        var note = Single("identity/history_note.sql.scriban", globals, bag);
        if (exclusions is null || graph is null || round is null || changed is null || cap is null || violating is null || finish is null || splitStatements is null
            || check is null || append is null || save is null || idle is null || note is null) return null;
        var prepare = ReadStatements(globals, [.. exclusions, .. graph, .. round, .. changed, .. cap, .. violating, .. splitStatements, .. finish], bag);
        var commit = Statements("identity/watermarks_commit.sql.scriban", globals, bag);
        var skip = Statements("identity/skip.sql.scriban", globals, bag);
        if (prepare is null || commit is null || skip is null) return null;
        var stamp = new RunStamp(RunTime("identity/history_run.sql.scriban", globals));
        var publish = new List<string>();
        var outputs = IdentityOutputs(node);
        foreach (var output in outputs)
        {
            if (PublishStatements(output, bag) is not { } statements) return null;
            publish.AddRange(statements);
        }
        // Of the three outputs only pipes_profiles has columns that follow the rules (one n_<type> per id type).
        if (ColumnGuard(outputs.Single(o => o.Name == IdentitySqlModel.Tables["profiles"]), exact: true, bag) is not { } guard) return null;
        // After the graph: publish the outputs in place, then record this run's history, then the watermarks (after
        // the outputs, so a failed run reads its rows again) and the rules. A run with nothing new publishes the
        // last run's scratch tables again (no row changes, counts of 0) after emptying this run's history.
        List<string> closing = [.. publish, .. append, .. commit, .. save];
        var unorderedEnd = _project.Dialect.UnorderedWritesEnd;

        if (scripting)
        {
            var udtf = Statements("identity/split_udtf.sql.scriban", globals, bag);
            var split = Statements("identity/split_with_udtf.sql.scriban", globals, bag);
            if (udtf is null || split is null) return null;
            globals.SetValue("prepare", new ScriptArray(check.Concat(prepare)), true);
            globals.SetValue("skip_query", skip.Single(), true);
            globals.SetValue("when_skipped", new ScriptArray(idle), true);
            globals.SetValue("graph", new ScriptArray(graph), true);
            globals.SetValue("round", new ScriptArray(round), true);
            globals.SetValue("changed_query", changed.Single(), true);
            globals.SetValue("cap_query", cap.Single(), true);
            globals.SetValue("finish", new ScriptArray(violating.Concat(split).Concat(finish)), true);
            var script = Statements("identity/script.sql.scriban", globals, bag);
            // The exclusion rows run as statements of their own, so the script stays small however long the list is.
            return script is null ? null : new CompiledNode(node, relation, "identity", [.. udtf, .. exclusions, .. script, .. closing])
            {
                Guard = guard, Stamp = stamp, Note = new NodeNote(note),
            };
        }

        var step = new IdentitySplitStep(
            identity.Rules,
            violating,
            splitStatements[0],
            splitStatements[1],
            RunTime("identity/split_insert_canonical.sql.scriban", globals),
            RunTime("identity/split_insert_refused.sql.scriban", globals));
        List<string> restoreOrder = unorderedEnd.Length > 0 ? [unorderedEnd] : [];
        return new CompiledNode(node, relation, "identity", [.. check, .. exclusions, .. prepare])
        {
            Stamp = stamp,
            Note = new NodeNote(note),
            Gate = new NodeGate(skip.Single(), graph, [.. restoreOrder, .. idle, .. closing], "nothing new: outputs unchanged"),
            Loop = new NodeLoop(round, changed.Single(), cap.Single()),
            Host = step,
            After = [.. finish, .. closing],
            Guard = guard,
            OnFailure = restoreOrder,
        };
    }

    /// <summary>
    /// The statements that read new rows. They record a hash of every statement of the node (this one rendered as a
    /// plain incremental run), so a later run with no new rows can tell whether the rules changed since.
    /// </summary>
    private List<string>? ReadStatements(ScriptObject globals, IReadOnlyList<string> rest, DiagnosticBag bag)
    {
        globals.SetValue("rules_hash", "", true);
        globals.SetValue("full_refresh", false, true);
        var plain = Statements("identity/prepare.sql.scriban", globals, bag);
        if (plain is null) return null;
        globals.SetValue("rules_hash", SqlStatements.Hash(plain.Concat(rest)), true);
        // --full-refresh replaces the persisted observations and watermarks instead of adding to them.
        globals.SetValue("full_refresh", _options.FullRefresh, true);
        return Statements("identity/prepare.sql.scriban", globals, bag);
    }

    private List<string>? Statements(string templatePath, ScriptObject globals, DiagnosticBag bag)
    {
        var text = TemplateEngine.Render(_catalog.Get(templatePath, _project.Dialect), TemplateEngine.NewContext(globals, _catalog), bag);
        return text is null ? null : SqlStatements.Split(text);
    }

    /// <summary>
    /// The exact exclusions as a table: CREATE, then one INSERT per chunk of rows, each rendered on its own so neither
    /// a statement nor a rendering grows with the list (40,000 exclusions are 40 INSERTs).
    /// </summary>
    private List<string>? ExclusionStatements(ScriptObject globals, IdentityRules rules, DiagnosticBag bag)
    {
        var statements = Statements("identity/exclusions_create.sql.scriban", globals, bag);
        if (statements is null) return null;
        foreach (var chunk in IdentitySqlModel.ExclusionRows(rules).Chunk(IdentitySqlModel.ExclusionChunk))
        {
            var scope = new ScriptObject();
            scope.SetValue("exclusion_rows", new ScriptArray(chunk), true);
            var context = TemplateEngine.NewContext(globals, _catalog);
            context.PushGlobal(scope);
            var text = TemplateEngine.Render(_catalog.Get("identity/exclusions_insert.sql.scriban", _project.Dialect), context, bag);
            if (text is null) return null;
            statements.AddRange(SqlStatements.Split(text));
        }
        return statements;
    }

    private string? Single(string templatePath, ScriptObject globals, DiagnosticBag bag) => Statements(templatePath, globals, bag)?.Single();
}
