using Pipes.Core.Load;
using YamlDotNet.RepresentationModel;

namespace Pipes.Core.Docs;

/// <summary>The output names of the project's profile, so the docs show the compiled SQL of every target, not only the chosen one.</summary>
public static class ProfileTargets
{
    /// <summary>The outputs under <c>profiles.yml</c> → profile → outputs, in file order; empty when there is no file (the embedded 'local').</summary>
    public static IReadOnlyList<string> Names(Project project, LoadOptions options)
    {
        var path = ProfileReader.Locate(project.RootDirectory, options);
        if (path is null || project.Spec.Profile is null) return [];
        var stream = new YamlStream();
        using (var reader = new StreamReader(path)) stream.Load(reader); // the project loaded, so the file parses
        if (stream.Documents.FirstOrDefault()?.RootNode is not YamlMappingNode root) return [];
        if (!root.Children.TryGetValue(new YamlScalarNode(project.Spec.Profile.Value), out var profile) || profile is not YamlMappingNode p) return [];
        if (!p.Children.TryGetValue(new YamlScalarNode("outputs"), out var outputs) || outputs is not YamlMappingNode o) return [];
        return o.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!).ToList();
    }
}
