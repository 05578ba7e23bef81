using Pipes.Core.Artifacts;

namespace Pipes.Core.Tasks;

/// <summary>Writes <c>target/compiled/&lt;target&gt;/NNN_&lt;node id&gt;.sql</c> and <c>target/manifest.json</c>.</summary>
public static class CompiledFiles
{
    /// <summary>Returns the folder written, relative to the project.</summary>
    /// <exception cref="IOException">A folder or file could not be written; the message names it, in one sentence.</exception>
    public static string Write(ProjectSession session)
    {
        var project = session.Project;
        var relative = Path.Combine(project.Spec.TargetPath, "compiled", project.Output.Name).Replace('\\', '/');
        return TargetWrites.Run($"the compiled SQL to {relative}", () => WriteFiles(session, relative));
    }

    private static string WriteFiles(ProjectSession session, string relative)
    {
        var project = session.Project;
        var folder = Path.Combine(project.RootDirectory, relative);
        Directory.CreateDirectory(folder);
        // Stale files from an earlier compile would look like part of this one.
        Parallel.ForEach(Directory.EnumerateFiles(folder, "*.sql"), File.Delete);
        var width = Math.Max(3, session.Compiled.Count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        var names = session.Compiled.Select((node, i) =>
            $"{(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width, '0')}_{node.Node.Id}.sql").ToList();
        // Thousands of small files: writing them in parallel is several times faster than one by one.
        Parallel.For(0, names.Count, i => File.WriteAllText(Path.Combine(folder, names[i]), session.Compiled[i].Sql));
        var paths = session.Compiled.Select((node, i) => (node.Node.Id, Path: relative + "/" + names[i]))
            .ToDictionary(p => p.Id, p => p.Path, StringComparer.Ordinal);
        File.WriteAllBytes(Path.Combine(project.TargetDirectory, "manifest.json"), ManifestWriter.Write(project, session.Plan, session.Compiled, paths));
        return relative;
    }
}
