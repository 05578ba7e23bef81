namespace Pipes.Core.Run;

public sealed record RunOptions
{
    /// <summary>Stop at the first failure; nodes not yet run are skipped.</summary>
    public bool FailFast { get; init; }

    /// <summary>How many nodes may run at once; the target decides whether more than one can (<see cref="ITarget.SupportsConcurrentNodes"/>).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>The project folder, to read a model's file when mapping an engine's error line back to it.</summary>
    public string? ProjectDirectory { get; init; }

    /// <summary>Each node's compiled file, relative to the project, named in run-time errors.</summary>
    public IReadOnlyDictionary<string, string>? CompiledPaths { get; init; }

    /// <summary>This run's id (run_results.json's invocation_id); the identity history records it. Null: a new one.</summary>
    public string? RunId { get; init; }

    /// <summary>This run's start, UTC; the identity history records it. Null: when the runner starts.</summary>
    public DateTime? RunAt { get; init; }

    /// <summary>Renders the statements of <c>map_remaining</c> nodes once their columns are read (the compiler).</summary>
    public Compile.IColumnExpander? Expander { get; init; }
}
