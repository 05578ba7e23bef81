namespace Pipes.Core.Diagnostics;

/// <summary>Collects every problem of a stage so that one run reports them all.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = new();

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Any(d => d.Severity == Severity.Error);

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    public void Error(string code, SourceSpan span, string message, string? hint = null) =>
        _items.Add(new Diagnostic(Severity.Error, code, message, span, hint));

    public void Warning(string code, SourceSpan span, string message, string? hint = null) =>
        _items.Add(new Diagnostic(Severity.Warning, code, message, span, hint));

    /// <summary>Diagnostics in file and position order, so output is stable whatever order files were read in.</summary>
    public IReadOnlyList<Diagnostic> Sorted() => _items
        .OrderBy(d => d.Span.File, StringComparer.Ordinal)
        .ThenBy(d => d.Span.Line)
        .ThenBy(d => d.Span.Column)
        .ThenBy(d => d.Code, StringComparer.Ordinal)
        .ThenBy(d => d.Message, StringComparer.Ordinal)
        .ToList();
}
