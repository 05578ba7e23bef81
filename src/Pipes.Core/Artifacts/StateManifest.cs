using System.Text.Json;
using Pipes.Core.Diagnostics;

namespace Pipes.Core.Artifacts;

/// <summary>The nodes of a previous run's <c>manifest.json</c> (<c>--state</c>): their fingerprints and relations.</summary>
public sealed class StateManifest
{
    private StateManifest(string path, IReadOnlyDictionary<string, (NodeFingerprint Fingerprint, string? Relation)> nodes)
    {
        Path = path;
        Nodes = nodes;
    }

    /// <summary>The manifest file read, as given (for messages).</summary>
    public string Path { get; }

    public IReadOnlyDictionary<string, (NodeFingerprint Fingerprint, string? Relation)> Nodes { get; }

    /// <summary>Reads <c>&lt;folder&gt;/manifest.json</c>; a missing or unreadable file is an error naming it.</summary>
    public static StateManifest? Read(string folder, DiagnosticBag bag)
    {
        var path = System.IO.Path.Combine(folder, "manifest.json");
        var display = path.Replace('\\', '/');
        if (!File.Exists(path))
        {
            bag.Error(DiagnosticCodes.StateUnreadable, SourceSpan.FileOnly(display), $"--state: no manifest.json in {folder}",
                "point --state at a folder holding a previous run's manifest.json (copy target/ after a build)");
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var nodes = new Dictionary<string, (NodeFingerprint, string?)>(StringComparer.Ordinal);
            foreach (var node in document.RootElement.GetProperty("nodes").EnumerateObject())
            {
                var v = node.Value;
                var checksum = v.TryGetProperty("checksum", out var c) && c.TryGetProperty("checksum", out var cs) ? cs.GetString() ?? "" : "";
                var config = v.TryGetProperty("config_checksum", out var cc) ? cc.GetString() ?? "" : "";
                Dictionary<string, string>? templates = null;
                if (v.TryGetProperty("templates", out var t))
                    templates = t.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
                var relation = v.TryGetProperty("relation_name", out var r) ? r.GetString() : null;
                nodes[node.Name] = (new NodeFingerprint(checksum, config, templates), relation);
            }
            return new StateManifest(display, nodes);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            bag.Error(DiagnosticCodes.StateUnreadable, SourceSpan.FileOnly(display), $"--state: {display} is not a manifest Pipes can read: {e.Message}");
            return null;
        }
    }
}
