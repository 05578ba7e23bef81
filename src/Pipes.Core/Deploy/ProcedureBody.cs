using System.Globalization;
using System.Text;
using Pipes.Core.Compile;
using Pipes.Core.Diagnostics;
using Pipes.Core.Plan;
using Pipes.Core.Identity;

namespace Pipes.Core.Deploy;

/// <summary>
/// The Snowflake Scripting block of the deployed procedure: every compiled statement of the project's models,
/// identity, property models and data tests, in run order, each run by <c>EXECUTE IMMEDIATE '&lt;constant&gt;'</c>
/// (one statement per call, as Snowflake requires; a block such as the identity script counts as one). What the runner
/// does around a node's statements is written out in Scripting: the kind probe and its DROP, the run stamp, the
/// error-level data tests as assertions, the node notes and warn-level failures in the returned text.
/// Seeds (CSV files on the machine that runs pipes) and pushes (HTTP to Amplitude) are not in it.
/// </summary>
public static class ProcedureBody
{
    /// <summary>Wraps a query whose rows the procedure counts (kind probes, data tests), as the runner does for tests.</summary>
    public static string CountQuery(string query) => $"SELECT COUNT(*) FROM (\n{query}\n) AS pipes_check";

    /// <summary>Joins a node note query's first column into one text.</summary>
    public static string NoteQuery(string query) => $"SELECT COALESCE(LISTAGG(TO_VARCHAR(pipes_note.$1), '; '), '') FROM (\n{query}\n) AS pipes_note";

    // Rendered into the identity node's run stamp, then replaced by the SQL that reads the id and time when the task runs.
    private const string RunIdSentinel = "pipes-deploy-run-id";
    private static readonly DateTime RunAtSentinel = new DateTime(1901, 2, 3, 4, 5, 6, DateTimeKind.Utc).AddTicks(7890);

    /// <summary>Nodes the procedure leaves out, and why (printed and written into the body's header).</summary>
    public static string? Excluded(CompiledNode node) => node.Node.Kind switch
    {
        NodeKind.Seed => "seed: its CSV file is on the machine that runs pipes; load it with 'pipes seed'",
        NodeKind.Push => "push: HTTP to Amplitude; run 'pipes push' from an orchestrator",
        _ => null,
    };

    public static string? Build(IReadOnlyList<CompiledNode> nodes, string projectName, string targetName, IReadOnlyList<string> streamAdvance, DiagnosticBag bag)
    {
        var declarations = new List<string> { "  ran INTEGER DEFAULT 0;", "  found INTEGER DEFAULT 0;", "  note VARCHAR DEFAULT '';", "  notes VARCHAR DEFAULT '';" };
        var lines = new List<string>();
        var excluded = new List<string>();
        var check = 0;
        foreach (var node in nodes)
        {
            if (Excluded(node) is { } why)
            {
                excluded.Add($"  -- not run: {node.Node.Id} ({why})");
                continue;
            }
            if (node.Host is not null || node.Loop is not null)
            {
                // The runner computes these statements at run time (columns discovered, a loop or split in the host): no
                // fixed text exists to put in a procedure.
                bag.Error(DiagnosticCodes.DeployNodeNotDeployable, SourceSpan.FileOnly(node.Node.Path),
                    $"{node.Node.Id} cannot be deployed: its statements are produced at run time by pipes ({Describe(node)}), so no procedure can hold them",
                    node.Host is ColumnExpansionStep ? "declare every column of the property model instead of map_remaining, or run this project with 'pipes build' from an orchestrator" : "run this project with 'pipes build' from an orchestrator");
                continue;
            }
            lines.Add($"  -- {node.Node.Id}");
            if (node.TestSeverity is { } severity)
            {
                check++;
                lines.AddRange(Count(check, CountQuery(node.Statements.Single())));
                if (severity == "error")
                {
                    var exception = $"test_failed_{check}";
                    declarations.Add($"  {exception} EXCEPTION (-20001, {ScriptText.Literal($"pipes: data test {node.Node.Name} failed (severity error); run 'pipes test' to see its rows")});");
                    lines.Add($"  IF (found > 0) THEN RAISE {exception}; END IF;");
                }
                else
                {
                    lines.Add($"  IF (found > 0) THEN notes := notes || {ScriptText.Literal($"; warn: {node.Node.Name} failed on ")} || found || ' rows'; END IF;");
                }
                lines.Add("  ran := ran + 1;");
                continue;
            }
            foreach (var statement in Stamp(node)) lines.Add($"  EXECUTE IMMEDIATE {ScriptText.Literal(statement)};");
            foreach (var guard in node.Guard?.Chain() ?? [])
            {
                foreach (var statement in guard.Setup) lines.Add($"  EXECUTE IMMEDIATE {ScriptText.Literal(statement)};");
                check++;
                lines.AddRange(Count(check, CountQuery(guard.Probe)));
                lines.Add($"  IF (found > 0) THEN EXECUTE IMMEDIATE {ScriptText.Literal(guard.Drop)}; END IF;");
            }
            foreach (var statement in node.Statements.Concat(node.After)) lines.Add($"  EXECUTE IMMEDIATE {ScriptText.Literal(statement)};");
            if (node.Note is { } nodeNote)
            {
                check++;
                lines.Add($"  LET rs_{check} RESULTSET := (EXECUTE IMMEDIATE {ScriptText.Literal(NoteQuery(nodeNote.Query))});");
                lines.Add($"  LET c_{check} CURSOR FOR rs_{check};");
                lines.Add($"  OPEN c_{check}; FETCH c_{check} INTO note; CLOSE c_{check};");
                lines.Add($"  IF (note <> '') THEN notes := notes || {ScriptText.Literal($"; {node.Node.Name}: ")} || note; END IF;");
            }
            lines.Add("  ran := ran + 1;");
        }
        if (bag.HasErrors) return null;

        var text = new StringBuilder();
        text.Append("DECLARE\n");
        foreach (var d in declarations) text.Append(d).Append('\n');
        text.Append("BEGIN\n");
        text.Append($"  -- pipes deploy: project {projectName}, target {targetName}; each statement below is one compiled statement, run by EXECUTE IMMEDIATE\n");
        foreach (var e in excluded) text.Append(e).Append('\n');
        if (streamAdvance.Count > 0)
        {
            text.Append("  -- Advance the trigger stream first: a DML statement that reads it moves its offset (it inserts no row), so rows landing while this runs trigger the next run\n");
            foreach (var statement in streamAdvance) text.Append($"  EXECUTE IMMEDIATE {ScriptText.Literal(statement)};\n");
        }
        foreach (var line in lines) text.Append(line).Append('\n');
        text.Append("  RETURN 'pipes: ' || ran || ' nodes ran' || notes;\n");
        text.Append("END");
        return text.ToString();
    }

    private static IEnumerable<string> Count(int check, string query)
    {
        yield return $"  LET rs_{check} RESULTSET := (EXECUTE IMMEDIATE {ScriptText.Literal(query)});";
        yield return $"  LET c_{check} CURSOR FOR rs_{check};";
        yield return $"  OPEN c_{check}; FETCH c_{check} INTO found; CLOSE c_{check};";
    }

    /// <summary>The run stamp with the id and time read by the procedure itself (UUID_STRING, SYSDATE is UTC) instead of the runner's.</summary>
    private static IReadOnlyList<string> Stamp(CompiledNode node)
    {
        if (node.Stamp is null) return [];
        var rendered = node.Stamp.Render(RunIdSentinel, RunAtSentinel);
        var id = "'" + RunIdSentinel + "'";
        var at = "'" + RunAtSentinel.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "'";
        var statements = rendered.Select(s => s.Replace(id, "UUID_STRING()", StringComparison.Ordinal).Replace(at, "SYSDATE()", StringComparison.Ordinal)).ToList();
        // Every sentinel must have been replaced exactly once: a stamp that kept a fixed id would mislabel every run.
        if (rendered.Sum(s => Occurrences(s, id)) != 1 || rendered.Sum(s => Occurrences(s, at)) != 1)
            throw new InvalidOperationException($"{node.Node.Id}: the run stamp does not hold the run id and time once each; the deploy cannot replace them");
        return statements;
    }

    private static int Occurrences(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    private static string Describe(CompiledNode node) => node.Host switch
    {
        ColumnExpansionStep => "map_remaining: its columns are discovered when it runs",
        IdentitySplitStep => "the identity split runs in the host on this engine",
        not null => node.Host.GetType().Name,
        _ => "a loop the runner drives",
    };
}
