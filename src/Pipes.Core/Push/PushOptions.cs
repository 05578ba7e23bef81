namespace Pipes.Core.Push;

/// <summary>One push run's switches, from the command line.</summary>
public sealed record PushOptions
{
    /// <summary>Send every row, whatever the state says (<c>--full-resync</c>); <c>$set</c> carries every value.</summary>
    public bool FullResync { get; init; }
    /// <summary>The project's <c>target/</c> directory; dry runs write <c>push/&lt;destination&gt;.jsonl</c> under it.</summary>
    public string TargetDirectory { get; init; } = "target";
    /// <summary>Schema of the push relation and the push tables; null for the connection's default.</summary>
    public string? Schema { get; init; }
    /// <summary>Run id written to the log; a new GUID when null.</summary>
    public string? RunId { get; init; }
    /// <summary>Rows read from the warehouse at a time; 0 sizes it from batch size and concurrency.</summary>
    public int PageSize { get; init; }
    /// <summary>Templates with the project's overrides; null for the built-in ones.</summary>
    public Pipes.Core.Templating.TemplateCatalog? Templates { get; init; }
    /// <summary>Called after every batch, from any thread.</summary>
    public Action<PushProgress>? Progress { get; init; }
}
