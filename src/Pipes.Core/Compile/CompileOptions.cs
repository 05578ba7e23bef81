namespace Pipes.Core.Compile;

public sealed record CompileOptions
{
    /// <summary>Rebuild incremental models from scratch instead of merging.</summary>
    public bool FullRefresh { get; init; }

    /// <summary>Rows per INSERT of a seed; Snowflake caps a VALUES list at 16,384 rows.</summary>
    public int SeedBatchRows { get; init; } = 1000;

    /// <summary>
    /// <c>--defer</c>: models and seeds not selected, by name, with the relation a previous run's manifest gives them;
    /// a selected model's ref to one of them reads that relation.
    /// </summary>
    public IReadOnlyDictionary<string, string> Deferred { get; init; } = new Dictionary<string, string>();
}
