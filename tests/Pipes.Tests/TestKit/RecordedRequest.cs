using System.Text.Json.Nodes;

namespace Pipes.Tests.TestKit;

/// <summary>One request the fake SQL API received, as sent.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    public string? QueryValue(string name) => Query.TryGetValue(name, out var v) ? v : null;

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    public bool IsSubmit => Method == "POST" && Path == "/api/v2/statements";

    public bool IsCancel => Method == "POST" && Path.EndsWith("/cancel", StringComparison.Ordinal);

    public bool IsPartition => Method == "GET" && Query.ContainsKey("partition");

    public bool IsPoll => Method == "GET" && !Query.ContainsKey("partition");
}
