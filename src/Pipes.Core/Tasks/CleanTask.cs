using Pipes.Core.Diagnostics;
using Pipes.Core.Load;
using Pipes.Core.Yaml;

namespace Pipes.Core.Tasks;

/// <summary>
/// <c>pipes clean</c> (dbt's): deletes the <c>clean-targets</c> folders of <c>pipes_project.yml</c> (default: the target
/// path). Only folders inside the project, never a model or seed folder. DuckDB database files in them are kept unless
/// <c>--all</c>: the local database holds the push state that says what Amplitude already has.
/// </summary>
public static class CleanTask
{
    public static int Execute(CommandOptions options, bool all, TaskOutput output)
    {
        var bag = new DiagnosticBag();
        var spec = ProjectFileReader.Read(options.ProjectDirectory, bag);
        var root = Path.GetFullPath(options.ProjectDirectory);
        var targets = spec is null ? [] : Targets(spec, root, bag);
        output.Diagnostics(bag);
        if (spec is null || bag.HasErrors) return ExitCodes.Failure;

        foreach (var (shown, full) in targets)
        {
            if (!Directory.Exists(full))
            {
                output.Info($"{shown}/ does not exist; nothing to clean", ("event", "clean_absent"), ("path", shown));
                continue;
            }
            var kept = all ? [] : Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Where(IsDatabase).ToList();
            var deleted = Delete(full, kept);
            var keptText = kept.Count == 0 ? "" : $"; kept {string.Join(", ", kept.Select(k => Path.GetRelativePath(root, k).Replace('\\', '/')))} " +
                "(the local database and its push state; pipes clean --all deletes it too)";
            output.Info($"Cleaned {shown}/: {deleted} file{(deleted == 1 ? "" : "s")} deleted{keptText}",
                ("event", "cleaned"), ("path", shown), ("deleted", deleted), ("kept", kept.Count));
        }
        return ExitCodes.Success;
    }

    /// <summary>The folders to delete, each checked: inside the project, not the project itself, not holding models or seeds.</summary>
    private static List<(string Shown, string Full)> Targets(ProjectSpec spec, string root, DiagnosticBag bag)
    {
        var entries = spec.CleanTargets.Count > 0 ? spec.CleanTargets : [new Located<string>(spec.TargetPath, SourceSpan.FileOnly(ProjectFileReader.FileName))];
        var sources = spec.ModelPaths.Concat(spec.SeedPaths).Select(p => Path.GetFullPath(Path.Combine(root, p.Value))).ToList();
        var targets = new List<(string, string)>();
        foreach (var entry in entries)
        {
            var full = Path.GetFullPath(Path.Combine(root, entry.Value)).TrimEnd(Path.DirectorySeparatorChar);
            var relative = Path.GetRelativePath(root, full);
            if (relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
                bag.Error(DiagnosticCodes.CleanTargetOutsideProject, entry.Span, $"clean-targets entry '{entry.Value}' is not a folder inside the project; pipes clean only deletes folders inside it");
            else if (sources.FirstOrDefault(s => Contains(full, s) || Contains(s, full)) is { } source)
                bag.Error(DiagnosticCodes.CleanTargetOutsideProject, entry.Span,
                    $"clean-targets entry '{entry.Value}' overlaps the model or seed folder {Path.GetRelativePath(root, source).Replace('\\', '/')}; pipes clean never deletes project files");
            else targets.Add((relative.Replace('\\', '/'), full));
        }
        return targets;
    }

    private static bool Contains(string folder, string path) =>
        path == folder || path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static bool IsDatabase(string file) =>
        file.EndsWith(".duckdb", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".duckdb.wal", StringComparison.OrdinalIgnoreCase);

    /// <summary>Deletes the folder, or everything in it but <paramref name="kept"/> (and the folders that hold them); returns the files deleted.</summary>
    private static int Delete(string folder, IReadOnlyList<string> kept)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => !kept.Contains(f)).ToList();
        if (kept.Count == 0)
        {
            Directory.Delete(folder, recursive: true);
            return files.Count;
        }
        foreach (var file in files) File.Delete(file);
        foreach (var dir in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
            if (!Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir);
        return files.Count;
    }
}
