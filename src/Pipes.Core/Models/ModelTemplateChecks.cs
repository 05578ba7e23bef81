using Pipes.Core.Diagnostics;
using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;
using Pipes.Core.Templating;

namespace Pipes.Core.Models;

/// <summary>
/// Parses a SQL model's template and refuses what Scriban accepts but a model never means: a <c>{{</c> left open at
/// the end of the file (Scriban reads it as code up to the end) and <c>this</c> (a Scriban keyword that prints the
/// whole template context; dbt users mean <c>self</c>).
/// </summary>
public static class ModelTemplateChecks
{
    public static Template? Parse(string text, string displayPath, DiagnosticBag bag)
    {
        var template = TemplateEngine.Parse(text, displayPath, bag);
        if (template is null) return null;
        var errorsBefore = bag.Items.Count;
        if (UnclosedBlock(text, displayPath) is { } open)
            bag.Error(DiagnosticCodes.TemplateError, open, "'{{' is never closed: the rest of the file would be read as template code", "close it with '}}'");
        var finder = new ThisFinder();
        template.Page.Accept(finder);
        foreach (var span in finder.Found)
            bag.Error(DiagnosticCodes.TemplateError, TemplateEngine.ToSpan(span), "'this' is not available in a model (in Scriban it is the whole template context)",
                "use {{ self }} for the model's own relation");
        return bag.Items.Count > errorsBefore ? null : template;
    }

    /// <summary>The last <c>{{</c> when the file ends before its <c>}}</c>.</summary>
    private static Diagnostics.SourceSpan? UnclosedBlock(string text, string displayPath)
    {
        Token? open = null;
        foreach (var token in new Lexer(text, displayPath))
        {
            if (token.Type == TokenType.CodeEnter) open = token;
            else if (token.Type == TokenType.CodeExit) open = null;
        }
        return open is { } t ? Diagnostics.SourceSpan.At(displayPath, t.Start.Line + 1, t.Start.Column + 1) : null;
    }

    private sealed class ThisFinder : ScriptVisitor
    {
        public List<Scriban.Parsing.SourceSpan> Found { get; } = new();

        public override void Visit(ScriptThisExpression node)
        {
            Found.Add(node.Span);
            base.Visit(node);
        }
    }
}
