using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Pipes.Core.Dialects;
using Pipes.Core.Plan;
using Pipes.Core.Run;
using Pipes.Core.Targets.DuckDb;
using Pipes.Core.Tasks;
using Pipes.Tests.TestKit;
using Pipes.Core.Targets;

namespace Pipes.Tests.Run;

/// <summary>
/// The sample at four threads on real DuckDB through a probe that slows each statement and records which nodes are
/// inside a statement at once: other nodes overlap, identity/property/push nodes (shared bookkeeping tables) never do.
/// </summary>
public sealed class SharedWriterTests
{
    [Fact]
    public async Task Nodes_writing_shared_tables_never_overlap_while_others_do()
    {
        using var project = TestProject.SampleOnDuckDb();
        var output = new TaskOutput(TextWriter.Null, TextWriter.Null, json: false);
        var session = ProjectSession.Open(project.Options(), output)!;
        var path = Path.Combine(project.Root, "target", "test.duckdb");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var probe = new Probe(DuckDbTarget.Open(path), new ConcurrentDictionary<string, int>(), new ConcurrentBag<string[]>());
        await using (probe)
        {
            var results = await new Runner(probe, session.Project.Name, output, new RunOptions { Threads = 4 }).RunAsync(session.Compiled, CancellationToken.None);
            results.Where(r => r.Status is not (RunStatus.Success or RunStatus.Warn)).ShouldBeEmpty();
        }
        var kinds = session.Compiled.ToDictionary(c => c.Node.Id, c => c.Node.Kind);
        probe.Seen.Max(s => s.Length).ShouldBeGreaterThan(1, "nodes never overlapped");
        probe.Seen.Max(s => s.Count(id => kinds[id] is NodeKind.Identity or NodeKind.Property or NodeKind.Push)).ShouldBe(1);
    }

    /// <summary>Runs statements on the inner target after a short pause, recording the nodes inside a statement at that moment.</summary>
    private sealed class Probe(ITarget inner, ConcurrentDictionary<string, int> inside, ConcurrentBag<string[]> seen) : ITarget
    {
        public ConcurrentBag<string[]> Seen => seen;

        public Dialect Dialect => inner.Dialect;

        public bool SupportsConcurrentNodes => inner.SupportsConcurrentNodes;

        public ITarget OpenSession() => new Probe(inner.OpenSession(), inside, seen);

        public async Task<StatementResult> ExecuteAsync(string sql, StatementContext context, CancellationToken cancellationToken)
        {
            inside.AddOrUpdate(context.NodeId, 1, (_, n) => n + 1);
            try
            {
                seen.Add(inside.Where(p => p.Value > 0 && p.Key != "adhoc").Select(p => p.Key).ToArray());
                await Task.Delay(3, cancellationToken);
                return await inner.ExecuteAsync(sql, context, cancellationToken);
            }
            finally
            {
                inside.AddOrUpdate(context.NodeId, 0, (_, n) => n - 1);
            }
        }

        public async IAsyncEnumerable<object?[]> StreamAsync(string sql, StatementContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var row in inner.StreamAsync(sql, context, cancellationToken)) yield return row;
        }

        public Task<string> LoadSeedRowsAsync(Pipes.Core.Seeds.SeedLoadStep step, StatementContext context, CancellationToken cancellationToken) =>
            inner.LoadSeedRowsAsync(step, context, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
