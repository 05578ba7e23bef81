using System.Globalization;
using Pipes.Core.Compile;
using Pipes.Core.Diagnostics;
using Pipes.Core.Models;
using Pipes.Core.Targets;

namespace Pipes.Core.Run;

/// <summary>
/// Where a failed statement went wrong: at the model's own line and column when the engine's line falls in the
/// model's text (see <see cref="ModelLineMap"/>), and always in the compiled file under <c>target/compiled/</c>.
/// </summary>
public sealed class ErrorLocator(string? projectDirectory, IReadOnlyDictionary<string, string>? compiledPaths)
{
    /// <summary>The span for the node's diagnostic and the hint naming the compiled file (with the line when known).</summary>
    /// <param name="part">The failed statement's place in the compiled file (the kind probe first, then the statements); null when unknown.</param>
    public (SourceSpan Span, string Hint) Locate(CompiledNode node, int? part, TargetException e)
    {
        var compiled = compiledPaths?.GetValueOrDefault(node.Node.Id);
        var file = compiled ?? "the node's file under target/compiled/";
        var parts = (node.Guard?.Text ?? []).Concat(node.Statements).ToList();
        if (part is not { } index || index >= parts.Count || e.SqlLine is not { } line) return (SourceSpan.FileOnly(node.Node.Path), $"compiled SQL: {file}");

        var column = e.SqlColumn ?? 1;
        var before = index == 0 ? 0 : parts.Take(index).Sum(p => p.Count(c => c == '\n')) + 2 * index;
        var hint = compiled is null ? $"compiled SQL: {file}" : $"compiled SQL: {compiled}({(before + line).ToString(CultureInfo.InvariantCulture)},{column.ToString(CultureInfo.InvariantCulture)})";
        var source = ReadModel(node);
        var mapped = source is null ? null : ModelLineMap.Map(parts[index], line, e.SqlColumn, node.ModelText, source);
        return mapped is { } at ? (SourceSpan.At(node.Node.Path, at.Line, at.Column), hint) : (SourceSpan.FileOnly(node.Node.Path), hint);
    }

    private string? ReadModel(CompiledNode node)
    {
        if (projectDirectory is null || node.ModelText.Count == 0) return null;
        try
        {
            return File.ReadAllText(Path.Combine(projectDirectory, node.Node.Path));
        }
        catch (IOException)
        {
            return null; // changed or gone since compiling: the compiled file's position still stands
        }
    }
}
