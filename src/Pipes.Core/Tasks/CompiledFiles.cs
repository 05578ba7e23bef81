using Pipes.Core.Artifacts;

namespace Pipes.Core.Tasks;

/// <summary>Writes <c>target/compiled/&lt;target&gt;/NNN_&lt;node id&gt;.sql</c> and <c>target/manifest.json</c>.</summary>
public static class CompiledFiles
{
    /// <summary>Returns the folder written, relative to the project.</summary>
    /// <exception cref="IOException">A folder or file could not be written; the message names it, in one sentence.</exception>
    public static string Write(ProjectSession session)
    {
        var relative = Folder(session);
        return TargetWrites.Run($"the compiled SQL to {relative}", () => WriteFiles(session, relative));
    }

    /// <summary>Each node's compiled file, relative to the project (<c>target/compiled/local/001_model.acme.a.sql</c>).</summary>
    public static IReadOnlyDictionary<string, string> Paths(ProjectSession session)
    {
        var relative = Folder(session);
        var width = Math.Max(3, session.Compiled.Count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        return session.Compiled.Select((node, i) =>
                (node.Node.Id, Path: $"{relative}/{(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width, '0')}_{node.Node.Id}.sql"))
            .ToDictionary(p => p.Id, p => p.Path, StringComparer.Ordinal);
    }

    private static string Folder(ProjectSession session) =>
        Path.Combine(session.Project.Spec.TargetPath, "compiled", session.Project.Output.Name).Replace('\\', '/');

    private static string WriteFiles(ProjectSession session, string relative)
    {
        var project = session.Project;
        var folder = Path.Combine(project.RootDirectory, relative);
        Directory.CreateDirectory(folder);
        // Stale files from an earlier compile would look like part of this one.
        Parallel.ForEach(Directory.EnumerateFiles(folder, "*.sql"), File.Delete);
        var paths = Paths(session);
        // Thousands of small files: writing them in parallel is several times faster than one by one.
        Parallel.For(0, session.Compiled.Count, i => File.WriteAllText(Path.Combine(project.RootDirectory, paths[session.Compiled[i].Node.Id]), session.Compiled[i].Sql));
        File.WriteAllBytes(Path.Combine(project.TargetDirectory, "manifest.json"), ManifestWriter.Write(project, session.Plan, session.Compiled, paths));
        return relative;
    }
}
