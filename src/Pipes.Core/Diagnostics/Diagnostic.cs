namespace Pipes.Core.Diagnostics;

/// <summary>One problem found in a project, pointing at the value that caused it.</summary>
public sealed record Diagnostic(Severity Severity, string Code, string Message, SourceSpan Span, string? Hint = null)
{
    /// <summary><c>models/identity.yml(12,7): error PIPES0104: unknown id type 'emial'; did you mean 'email'?</c></summary>
    public override string ToString()
    {
        var where = Span.IsNone ? "" : Span + ": ";
        var level = Severity == Severity.Error ? "error" : "warning";
        var hint = Hint is null ? "" : "; " + Hint;
        return $"{where}{level} {Code}: {Message}{hint}";
    }
}
