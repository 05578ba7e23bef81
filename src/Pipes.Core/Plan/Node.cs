namespace Pipes.Core.Plan;

/// <summary>A member of the project graph. Ids follow dbt: <c>model.acme.crm_enrichment</c>, <c>source.acme.crm.contacts</c>.</summary>
public sealed record Node(string Id, NodeKind Kind, string Name, string Path, IReadOnlyList<string> Tags, IReadOnlyList<string> DependsOn)
{
    /// <summary>Where the node's file calls each parent (a model's <c>ref</c>), by parent id; used to point at a cycle's edge.</summary>
    public IReadOnlyDictionary<string, Diagnostics.SourceSpan> EdgeSpans { get; init; } = new Dictionary<string, Diagnostics.SourceSpan>();

    /// <summary>Where the node's name is written (a YAML key, or line 1 of the file a model or seed is named after).</summary>
    public Diagnostics.SourceSpan? NameSpan { get; init; }

    /// <summary>Sources exist already; seeds and models are built.</summary>
    public bool IsExecutable => Kind != NodeKind.Source;

    public static string ModelId(string project, string name) => $"model.{project}.{name}";

    public static string SeedId(string project, string name) => $"seed.{project}.{name}";

    /// <summary>The one identity node of a project; its name, <c>identity</c>, selects it.</summary>
    public static string IdentityId(string project) => $"identity.{project}.profiles";

    public static string PropertyId(string project, string name) => $"property.{project}.{name}";

    public static string PushId(string project, string destination) => $"push.{project}.{destination}";

    public static string TestId(string project, string name) => $"test.{project}.{name}";

    public static string SourceId(string project, string source, string table) => $"source.{project}.{source}.{table}";
}
