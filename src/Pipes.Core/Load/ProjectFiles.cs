using Pipes.Core.Diagnostics;
using Pipes.Core.Yaml;

namespace Pipes.Core.Load;

/// <summary>Lists a project's files under configured folders, in ordinal order of their relative paths.</summary>
public sealed class ProjectFiles(string root, DiagnosticBag bag)
{
    public sealed record Entry(string Full, string Display);

    public IReadOnlyList<Entry> Under(IEnumerable<Located<string>> folders, params string[] extensions)
    {
        var entries = new List<Entry>();
        foreach (var folder in folders)
        {
            var full = Path.GetFullPath(Path.Combine(root, folder.Value));
            if (!Directory.Exists(full))
            {
                // A missing default folder is fine (a project without seeds); a configured one is a mistake.
                if (folder.Span.Line > 0) bag.Error(DiagnosticCodes.MissingFile, folder.Span, $"folder '{folder.Value}' does not exist");
                continue;
            }
            entries.AddRange(Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                .Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Select(f => new Entry(f, Path.GetRelativePath(root, f).Replace('\\', '/'))));
        }
        return entries.DistinctBy(e => e.Display).OrderBy(e => e.Display, StringComparer.Ordinal).ToList();
    }
}
