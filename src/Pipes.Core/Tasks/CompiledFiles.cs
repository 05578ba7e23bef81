using Pipes.Core.Artifacts;

namespace Pipes.Core.Tasks;

/// <summary>Writes <c>target/compiled/&lt;target&gt;/NNN_&lt;node id&gt;.sql</c> and <c>target/manifest.json</c>.</summary>
public static class CompiledFiles
{
    /// <summary>Returns the folder written, relative to the project.</summary>
    public static string Write(ProjectSession session)
    {
        var project = session.Project;
        var relative = Path.Combine(project.Spec.TargetPath, "compiled", project.Output.Name).Replace('\\', '/');
        var folder = Path.Combine(project.RootDirectory, relative);
        Directory.CreateDirectory(folder);
        // Stale files from an earlier compile would look like part of this one.
        foreach (var old in Directory.EnumerateFiles(folder, "*.sql")) File.Delete(old);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        var width = Math.Max(3, session.Compiled.Count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        for (var i = 0; i < session.Compiled.Count; i++)
        {
            var node = session.Compiled[i];
            var name = $"{(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width, '0')}_{node.Node.Id}.sql";
            File.WriteAllText(Path.Combine(folder, name), node.Sql);
            paths[node.Node.Id] = relative + "/" + name;
        }
        File.WriteAllBytes(Path.Combine(project.TargetDirectory, "manifest.json"), ManifestWriter.Write(project, session.Plan, session.Compiled, paths));
        return relative;
    }
}
