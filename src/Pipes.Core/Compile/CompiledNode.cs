using Pipes.Core.Plan;
using Pipes.Core.Steps;

namespace Pipes.Core.Compile;

/// <summary>
/// The SQL of one node: statements run in order, a Snowflake Scripting block counting as one. Engines without
/// scripting may add a <see cref="Loop"/> the runner drives, a <see cref="Host"/> step it runs in process, and
/// statements to run <see cref="After"/> them.
/// </summary>
public sealed record CompiledNode(Node Node, string Relation, string Materialization, IReadOnlyList<string> Statements)
{
    /// <summary>Run first, rendered by the runner with the run's id and time (the identity node's history).</summary>
    public RunStamp? Stamp { get; init; }

    /// <summary>Run after the node succeeded; its texts join the node's message.</summary>
    public NodeNote? Note { get; init; }

    /// <summary>A check after <see cref="Statements"/> that may end the node there (see <see cref="NodeGate"/>).</summary>
    public NodeGate? Gate { get; init; }

    /// <summary>Rounds repeated after <see cref="Statements"/> until they change nothing.</summary>
    public NodeLoop? Loop { get; init; }

    /// <summary>Work done in the host after the loop (reads and writes through the target).</summary>
    public HostStep? Host { get; init; }

    /// <summary>Statements run last, after the loop and the host step.</summary>
    public IReadOnlyList<string> After { get; init; } = [];

    /// <summary>A model's rendered SELECTs as they stand inside <see cref="Statements"/>, to map an engine's error line back to the model's file.</summary>
    public IReadOnlyList<string> ModelText { get; init; } = [];

    /// <summary>Run before <see cref="Statements"/>: drops the relation when a model changed kind (view, table).</summary>
    public KindGuard? Guard { get; init; }

    /// <summary>The text written to <c>target/compiled/&lt;target&gt;/</c>.</summary>
    public string Sql => string.Join(";\n\n", GuardText.Concat(Statements).Concat(Gate?.Describe() ?? []).Concat(Loop?.Describe() ?? []).Concat(Host?.Describe() ?? []).Concat(After).Concat(StampText)) + ";\n";

    private IEnumerable<string> GuardText => Guard?.Text ?? [];

    // Last, so statement positions (ErrorLocator) are unchanged, though the runner runs it first.
    private IEnumerable<string> StampText => Stamp is null ? [] : [Stamp.Describe()];

    /// <summary>Statements that restore session state when the node fails part-way (on success its own statements do).</summary>
    public IReadOnlyList<string> OnFailure { get; init; } = [];

    /// <summary>For a data test: <c>error</c> or <c>warn</c>; its one statement returns the failing rows.</summary>
    public string? TestSeverity { get; init; }

    /// <summary>SHA-256 of each template the node rendered (includes followed), by path; the manifest records them for state:modified.</summary>
    public IReadOnlyDictionary<string, string> TemplateChecksums { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the node leaves a table whose rows are worth counting.</summary>
    public bool BuildsTable => Materialization is not ("view" or "test");
}

/// <summary>
/// A query the runner runs after a node succeeded; each non-empty text in the first column of its rows is added to
/// the node's message, so a finding the SQL made (the identity rules changed, profiles merged) is never silent.
/// </summary>
public sealed record NodeNote(string Query);

/// <summary>
/// Drops a model's relation when it exists as the other kind (a view where a table is built, a table where a view
/// is): engines refuse <c>CREATE OR REPLACE</c> and <c>DROP ... IF EXISTS</c> across kinds, so a model whose
/// materialization changed would fail. The runner runs <see cref="Probe"/> before the node's statements and
/// <see cref="Drop"/> only when the probe returns a row.
/// </summary>
public sealed record KindGuard(string Probe, string Drop)
{
    /// <summary>Run before <see cref="Probe"/>: creates what the probe reads (the record of published column types).</summary>
    public IReadOnlyList<string> Setup { get; init; } = [];

    /// <summary>Another guard checked after this one, whatever this one found (a property model's kept rows beside its table).</summary>
    public KindGuard? Then { get; init; }

    /// <summary>This guard and the ones after it, in order.</summary>
    public IEnumerable<KindGuard> Chain()
    {
        for (var guard = this; guard is not null; guard = guard.Then) yield return guard;
    }

    /// <summary>The guards as they stand in the compiled file: each one's setup, then its probe, whose comment names the drop.</summary>
    public IReadOnlyList<string> Text => Chain().SelectMany(g => g.Setup.Append(g.Probe)).ToList();
}

/// <summary>
/// A check between a node's <see cref="CompiledNode.Statements"/> and the rest: when <see cref="SkipQuery"/> returns a
/// number other than 0, the runner runs <see cref="WhenSkipped"/> instead of <see cref="Statements"/>, the loop, the
/// host step and <see cref="CompiledNode.After"/>. Incremental identity: no new rows and unchanged rules leave every
/// output as the last run wrote it.
/// </summary>
public sealed record NodeGate(string SkipQuery, IReadOnlyList<string> Statements, IReadOnlyList<string> WhenSkipped, string SkipMessage)
{
    /// <summary>The gate as commented SQL, for the compiled file.</summary>
    public IEnumerable<string> Describe()
    {
        yield return "-- pipes: when this returns 1 the runner only runs the statements marked 'when skipped' and stops\n-- skip: " + SkipQuery.ReplaceLineEndings(" ")
            + string.Concat(WhenSkipped.Select(s => "\n-- when skipped: " + s.ReplaceLineEndings(" ")));
        foreach (var statement in Statements) yield return statement;
    }
}

/// <summary>
/// A loop the runner drives for engines without procedural SQL: run <see cref="Round"/>, then
/// <see cref="ChangedQuery"/> (one number); stop when it is 0; fail once <see cref="CapQuery"/>'s number of rounds
/// ran without reaching 0, so unconverged results are never kept.
/// </summary>
public sealed record NodeLoop(IReadOnlyList<string> Round, string ChangedQuery, string CapQuery)
{
    /// <summary>The loop as commented SQL, for the compiled file.</summary>
    public IEnumerable<string> Describe()
    {
        yield return "-- pipes: the runner repeats the next statements until the changed count is 0\n-- changed: " + ChangedQuery.ReplaceLineEndings(" ")
            + "\n-- round cap: " + CapQuery.ReplaceLineEndings(" ") + "\n" + Round[0];
        foreach (var statement in Round.Skip(1)) yield return statement;
    }
}
