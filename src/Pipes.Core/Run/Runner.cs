using System.Diagnostics;
using Pipes.Core.Compile;
using Pipes.Core.Diagnostics;
using Pipes.Core.Identity;
using Pipes.Core.Targets;

namespace Pipes.Core.Run;

/// <summary>
/// Executes compiled nodes in dependency order. A node's failure becomes its result (dbt's safe_run); nodes that
/// depend on it, directly or not, are skipped, and nodes that do not go on. Cancelling the token (Ctrl-C) cancels
/// the running statement: that node's result says it was interrupted, and every node not started is skipped.
/// </summary>
public sealed class Runner(ITarget target, string projectName, IRunReporter reporter, RunOptions options)
{
    private readonly string _runId = options.RunId ?? Guid.NewGuid().ToString();
    private readonly DateTime _runAt = options.RunAt ?? DateTime.UtcNow;

    /// <summary>
    /// Runs the nodes, up to <see cref="RunOptions.Threads"/> at once when the target allows it, each worker on its
    /// own session. A node starts once what it reads is done, and once the earlier tests of what it reads are done
    /// (the serial order puts a test right after what it tests), so a failure skips the same nodes at any thread
    /// count. Results, and the finished lines, come in the serial order whatever the order of completion.
    /// </summary>
    public async Task<IReadOnlyList<RunResult>> RunAsync(IReadOnlyList<CompiledNode> nodes, CancellationToken cancellationToken)
    {
        var threads = target.SupportsConcurrentNodes ? Math.Max(1, options.Threads) : 1;
        var waits = Waits(nodes);
        var results = new RunResult?[nodes.Count];
        var quiet = new bool[nodes.Count];
        var broken = new HashSet<string>(StringComparer.Ordinal);
        // Nodes whose error-level tests failed: what consumes them is skipped, their other tests still run.
        var failedTests = new HashSet<string>(StringComparer.Ordinal);
        var stop = false;
        var pending = new SortedSet<int>(Enumerable.Range(0, nodes.Count));
        var running = new Dictionary<Task<RunResult>, (int Index, ITarget Session)>();
        var idle = new Stack<ITarget>([target]);
        var opened = new List<ITarget>();
        var reported = 0;

        void Record(int i, RunResult result)
        {
            results[i] = result;
            var node = nodes[i];
            if (result.Status is not (RunStatus.Success or RunStatus.Warn)) broken.Add(node.Node.Id);
            // An error-level test that fails stops what depends on the tested nodes (dbt build).
            if (result.Status == RunStatus.Fail) failedTests.UnionWith(node.Node.DependsOn);
            if (result.Status is RunStatus.Error or RunStatus.Fail && options.FailFast) stop = true;
            for (; reported < nodes.Count && results[reported] is { } done; reported++)
            {
                if (!quiet[reported]) reporter.Finished(reported + 1, nodes.Count, done);
            }
        }

        try
        {
            while (pending.Count > 0 || running.Count > 0)
            {
                var ready = new List<int>();
                var sharedBusy = running.Values.Any(r => WritesSharedTables(nodes[r.Index]));
                foreach (var i in pending)
                {
                    if (running.Count + ready.Count >= threads) break;
                    if (!waits[i].All(j => results[j] is not null)) continue;
                    if (WritesSharedTables(nodes[i]) && threads > 1)
                    {
                        if (sharedBusy) continue;
                        sharedBusy = true;
                    }
                    ready.Add(i);
                }
                foreach (var i in ready)
                {
                    pending.Remove(i);
                    var node = nodes[i];
                    if (cancellationToken.IsCancellationRequested)
                    {
                        // Recorded, not printed one by one: the task prints one line for the interruption.
                        quiet[i] = true;
                        Record(i, new RunResult(node.Node.Id, node.Node.Name, Kind(node), RunStatus.Skipped, TimeSpan.Zero, null, null, null,
                            "skipped: the run was interrupted before this node started"));
                        continue;
                    }
                    var failedParent = node.Node.DependsOn.FirstOrDefault(broken.Contains);
                    var testedParent = node.TestSeverity is null ? node.Node.DependsOn.FirstOrDefault(failedTests.Contains) : null;
                    if (stop || failedParent is not null || testedParent is not null)
                    {
                        var why = stop ? "skipped: --fail-fast stopped the run"
                            : failedParent is not null ? $"skipped: upstream {failedParent} did not succeed"
                            : $"skipped: a test of upstream {testedParent} failed";
                        Record(i, new RunResult(node.Node.Id, node.Node.Name, Kind(node), RunStatus.Skipped, TimeSpan.Zero, null, null, null, why));
                        continue;
                    }
                    var session = idle.Count > 0 ? idle.Pop() : Opened(opened);
                    var worker = ReferenceEquals(session, target) ? this : new Runner(session, projectName, reporter, options with { RunId = _runId, RunAt = _runAt });
                    reporter.Started(i + 1, nodes.Count, node.Node.Id, Describe(node));
                    // DuckDB's calls complete synchronously: with several threads each node runs on the pool.
                    var task = threads == 1 ? worker.ExecuteAsync(node, cancellationToken) : Task.Run(() => worker.ExecuteAsync(node, cancellationToken), CancellationToken.None);
                    running[task] = (i, session);
                }
                if (running.Count == 0)
                {
                    // Each node waits only on earlier ones, so the first pending node is always ready when nothing runs.
                    if (ready.Count == 0) throw new InvalidOperationException($"no node can start: {nodes[pending.Min].Node.Id} waits on a node that never ran");
                    continue;
                }
                var finished = await Task.WhenAny(running.Keys);
                var (index, used) = running[finished];
                running.Remove(finished);
                idle.Push(used);
                var result = await finished;
                reporter.Ended(index + 1, nodes.Count, result);
                Record(index, result);
            }
        }
        finally
        {
            // A bug thrown by one node: the others still end before their sessions close.
            if (running.Count > 0) await Task.WhenAll(running.Keys.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            foreach (var session in opened) await session.DisposeAsync();
        }
        return results.Select(r => r!).ToList();
    }

    /// <summary>
    /// Identity, property and push nodes also write tables they share (rejects, unmatched keys, output counts): two
    /// at once would collide (DuckDB reports a write-write conflict), so they run one at a time, beside anything else.
    /// </summary>
    private static bool WritesSharedTables(CompiledNode node) => node.Node.Kind is Plan.NodeKind.Identity or Plan.NodeKind.Property or Plan.NodeKind.Push;

    private ITarget Opened(List<ITarget> opened)
    {
        var session = target.OpenSession();
        if (!ReferenceEquals(session, target)) opened.Add(session);
        return session;
    }

    /// <summary>
    /// The indexes each node waits for: its parents in this run, and, for a node that is not a test, the earlier
    /// tests of those parents (so a failing test skips it as in a serial run).
    /// </summary>
    private static List<int>[] Waits(IReadOnlyList<CompiledNode> nodes)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++) index[nodes[i].Node.Id] = i;
        var testsOf = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var waits = new List<int>[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var wait = new HashSet<int>();
            foreach (var parent in node.Node.DependsOn)
            {
                if (index.TryGetValue(parent, out var p) && p < i) wait.Add(p);
                if (node.TestSeverity is null && testsOf.TryGetValue(parent, out var tests)) wait.UnionWith(tests);
            }
            waits[i] = wait.Order().ToList();
            if (node.TestSeverity is null) continue;
            foreach (var parent in node.Node.DependsOn)
            {
                if (!testsOf.TryGetValue(parent, out var list)) testsOf[parent] = list = [];
                list.Add(i);
            }
        }
        return waits;
    }

    private async Task<RunResult> ExecuteAsync(CompiledNode node, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var context = new StatementContext(node.Node.Id, $"pipes:{projectName}:{node.Node.Name}");
        string? queryId = null;
        // The failing statement's place in the compiled file (the guard's setup and probe, then the statements), for its position.
        int? part = null;
        var first = node.Guard?.Text.Count ?? 0;
        try
        {
            if (node.TestSeverity is { } severity) return await RunTestAsync(node, severity, context, clock, cancellationToken);
            // The run's id and time for the node's SQL (no place in the compiled file, so no position on failure).
            foreach (var statement in node.Stamp?.Render(_runId, _runAt) ?? []) await target.ExecuteAsync(statement, context, cancellationToken);
            part = 0; // a failing guard statement is placed at the guards' start
            var replaced = await KindGuardRunner.RunAsync(target, node.Guard, context, cancellationToken);
            for (var i = 0; i < node.Statements.Count; i++)
            {
                part = first + i;
                var executed = await target.ExecuteAsync(node.Statements[i], context, cancellationToken);
                queryId = executed.QueryId ?? queryId;
            }
            part = null;
            var steps = await RunStepsAsync(node, context, cancellationToken);
            var notes = await NotesAsync(node, context, cancellationToken);
            long? rows = null;
            if (node.BuildsTable)
            {
                var count = await target.ExecuteAsync($"SELECT COUNT(*) FROM {node.Relation}", context, cancellationToken);
                rows = Convert.ToInt64(count.Rows[0][0], System.Globalization.CultureInfo.InvariantCulture);
            }
            var message = Describe(node) + replaced + steps + (notes.Count == 0 ? "" : "; " + string.Join("; ", notes));
            return new RunResult(node.Node.Id, node.Node.Name, Kind(node), RunStatus.Success, clock.Elapsed, rows, queryId, null, message) { Notes = notes };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The session is restored even though the run is stopping: the token is already cancelled.
            var restore = await RestoreAsync(node, context, CancellationToken.None);
            var seconds = clock.Elapsed.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            var error = new Diagnostic(Severity.Error, DiagnosticCodes.NodeInterrupted,
                $"{node.Node.Name} was interrupted after {seconds}s; its running statement was cancelled{restore}", SourceSpan.FileOnly(node.Node.Path));
            return new RunResult(node.Node.Id, node.Node.Name, Kind(node), RunStatus.Error, clock.Elapsed, null, queryId, error, error.Message);
        }
        catch (TargetException e)
        {
            var code = e.Code is null ? "" : $" [{e.Code}{(e.SqlState is null ? "" : "/" + e.SqlState)}]";
            var restore = await RestoreAsync(node, context, cancellationToken);
            var (span, hint) = new ErrorLocator(options.ProjectDirectory, options.CompiledPaths).Locate(node, part, e);
            var error = new Diagnostic(Severity.Error, DiagnosticCodes.NodeFailed, $"{node.Node.Name} failed{code}: {e.Message}{restore}", span, hint);
            return new RunResult(node.Node.Id, node.Node.Name, Kind(node), RunStatus.Error, clock.Elapsed, null, e.QueryId ?? queryId, error, error.Message);
        }
    }

    /// <summary>Runs the node's <see cref="CompiledNode.OnFailure"/> statements; a failure there is added to the node's error, not hidden.</summary>
    private async Task<string> RestoreAsync(CompiledNode node, StatementContext context, CancellationToken cancellationToken)
    {
        foreach (var statement in node.OnFailure)
        {
            try
            {
                await target.ExecuteAsync(statement, context, cancellationToken);
            }
            catch (TargetException e)
            {
                return $"; restoring the session also failed ({statement}): {e.Message}";
            }
        }
        return "";
    }

    /// <summary>A data test: its query's rows are failures; a few are kept as a sample.</summary>
    private async Task<RunResult> RunTestAsync(CompiledNode node, string severity, StatementContext context, Stopwatch clock, CancellationToken cancellationToken)
    {
        var query = node.Statements.Single();
        var count = await target.ExecuteAsync($"SELECT COUNT(*) FROM (\n{query}\n) AS pipes_test", context, cancellationToken);
        var failures = Convert.ToInt64(count.Rows[0][0], System.Globalization.CultureInfo.InvariantCulture);
        var sample = new List<string>();
        if (failures > 0)
        {
            var rows = await target.ExecuteAsync($"SELECT * FROM (\n{query}\n) AS pipes_test LIMIT {SampleRows}", context, cancellationToken);
            sample.AddRange(rows.Rows.Select(r => string.Join(", ", rows.Columns.Zip(r, (c, v) => $"{c}={Text(v)}"))));
        }
        var status = failures == 0 ? RunStatus.Success : severity == "warn" ? RunStatus.Warn : RunStatus.Fail;
        var message = failures == 0 ? "passed" : $"{failures} failing row{(failures == 1 ? "" : "s")}";
        return new RunResult(node.Node.Id, node.Node.Name, Kind(node), status, clock.Elapsed, null, count.QueryId, null, message)
        {
            Failures = failures,
            Sample = sample,
        };
    }

    private const int SampleRows = 5;

    private static string Text(object? value) => value switch
    {
        null => "NULL",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The loop, host step and closing statements of nodes that have them; returns what they did, for the message.</summary>
    private async Task<string> RunStepsAsync(CompiledNode node, StatementContext context, CancellationToken cancellationToken)
    {
        var done = new List<string>();
        if (node.Gate is { } gate)
        {
            var skip = await target.ExecuteAsync(gate.SkipQuery, context, cancellationToken);
            if (Convert.ToInt64(skip.Rows[0][0], System.Globalization.CultureInfo.InvariantCulture) != 0)
            {
                foreach (var statement in gate.WhenSkipped) await target.ExecuteAsync(statement, context, cancellationToken);
                return " (" + gate.SkipMessage + ")";
            }
            foreach (var statement in gate.Statements) await target.ExecuteAsync(statement, context, cancellationToken);
        }
        if (node.Loop is not null)
        {
            var rounds = await LoopDriver.RunAsync(target, node.Loop, context, cancellationToken);
            done.Add($"{rounds} rounds");
        }
        if (node.Host is not null)
        {
            done.Add(node.Host switch
            {
                IdentitySplitStep split => await IdentitySplitRunner.RunAsync(target, split, context, cancellationToken),
                ColumnExpansionStep expand => await ColumnExpansionRunner.RunAsync(target, expand, options.Expander ?? throw new InvalidOperationException("a map_remaining node runs only with RunOptions.Expander set"), context, cancellationToken),
                Seeds.SeedLoadStep seed => await SeedLoadRunner.RunAsync(target, seed, context, cancellationToken),
                _ => throw new NotSupportedException($"no runner for host step {node.Host.GetType().Name}"),
            });
        }
        foreach (var statement in node.After) await target.ExecuteAsync(statement, context, cancellationToken);
        return done.Count == 0 ? "" : " (" + string.Join("; ", done) + ")";
    }

    /// <summary>The texts of the node's <see cref="CompiledNode.Note"/> query, in its order.</summary>
    private async Task<IReadOnlyList<string>> NotesAsync(CompiledNode node, StatementContext context, CancellationToken cancellationToken)
    {
        if (node.Note is not { } note) return [];
        var result = await target.ExecuteAsync(note.Query, context, cancellationToken);
        return result.Rows.Select(r => r[0] as string).Where(t => !string.IsNullOrEmpty(t)).Select(t => t!).ToList();
    }

    /// <summary>The label of a node's line; a push node stages what its destination's push step sends, and "push" is that step's label, so each push prints once.</summary>
    private static string Kind(CompiledNode node) => node.Node.Kind == Plan.NodeKind.Push ? "stage" : node.Node.Kind.ToString().ToLowerInvariant();

    private static string Describe(CompiledNode node) => node.Materialization switch
    {
        "seed" => $"seed file {node.Relation}",
        "view" => $"view model {node.Relation}",
        "table" => $"table model {node.Relation}",
        "incremental" => $"incremental model {node.Relation}",
        "identity" => $"identity profiles {node.Relation}",
        _ => $"{node.Materialization} {node.Relation}",
    };
}
