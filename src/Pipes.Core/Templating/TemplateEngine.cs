using System.Globalization;
using Pipes.Core.Diagnostics;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using SourceSpan = Pipes.Core.Diagnostics.SourceSpan;

namespace Pipes.Core.Templating;

/// <summary>Parses and renders Scriban templates with the settings that keep output strict and byte-stable.</summary>
public static class TemplateEngine
{
    /// <summary>Parses a template; parse errors become diagnostics. Returns null when it has errors.</summary>
    public static Template? Parse(string text, string displayPath, DiagnosticBag bag)
    {
        var template = Template.Parse(text, displayPath);
        if (!template.HasErrors) return template;
        foreach (var message in template.Messages)
        {
            // Scriban places errors at the end of the text ("unexpected <eof>") at line -1: point at the last character.
            var span = message.Span.Start.Line < 0 ? EndOf(text, displayPath) : ToSpan(message.Span);
            bag.Error(DiagnosticCodes.TemplateError, span, message.Message);
        }
        return null;
    }

    /// <summary>Iterations a render may run (loops nested in loops count together); reaching it is an error, never a cut.</summary>
    public const int LoopLimit = 1_000_000;

    private static SourceSpan EndOf(string text, string displayPath)
    {
        var lastLine = text.TrimEnd('\n', '\r');
        var line = 1 + lastLine.Count(c => c == '\n');
        return SourceSpan.At(displayPath, line, Math.Max(1, lastLine.Length - (lastLine.LastIndexOf('\n') + 1)));
    }

    /// <summary>A context with strict variables, "\n" newlines and invariant culture; <paramref name="globals"/> is pushed on top of the builtins.</summary>
    public static TemplateContext NewContext(ScriptObject globals, ITemplateLoader? loader = null)
    {
        var context = new TemplateContext
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            NewLine = "\n",
            LoopLimit = LoopLimit,
            // Scriban cuts output (and any one value) at 1 MiB by default and appends "...": compiled SQL must never
            // be cut, so both limits are off, and should one be set again it throws instead of truncating.
            LimitToString = 0,
            OutputLimit = 0,
            OnStringLimit = ScriptLimitBehavior.Throw,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            MemberRenamer = member => StandardMemberRenamer.Rename(member),
            TemplateLoader = loader,
        };
        context.PushCulture(CultureInfo.InvariantCulture);
        context.PushGlobal(globals);
        return context;
    }

    /// <summary>Renders; a runtime error becomes a diagnostic and the result is null.</summary>
    public static string? Render(Template template, TemplateContext context, DiagnosticBag bag)
    {
        try
        {
            return template.Render(context);
        }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            bag.Error(DiagnosticCodes.TemplateError, ToSpan(e.Span), e.OriginalMessage);
            return null;
        }
    }

    public static SourceSpan ToSpan(Scriban.Parsing.SourceSpan span) =>
        new(span.FileName ?? "", span.Start.Line + 1, span.Start.Column + 1, span.End.Line + 1, span.End.Column + 1);
}
