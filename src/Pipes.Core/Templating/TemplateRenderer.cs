using Pipes.Core.Diagnostics;
using Scriban;
using Scriban.Runtime;

namespace Pipes.Core.Templating;

/// <summary>
/// Renders many templates through one reused context: building a TemplateContext costs more than rendering a
/// small model, so each thread keeps one and pushes the template's globals around each render.
/// </summary>
public sealed class TemplateRenderer
{
    private readonly TemplateContext _context;

    public TemplateRenderer(ITemplateLoader? loader = null) => _context = TemplateEngine.NewContext(new ScriptObject(), loader);

    /// <summary>The rendered text, or null with a diagnostic when the template failed at run time.</summary>
    public string? Render(Template template, ScriptObject globals, DiagnosticBag bag)
    {
        _context.PushGlobal(globals);
        try
        {
            return TemplateEngine.Render(template, _context, bag);
        }
        finally
        {
            _context.PopGlobal();
        }
    }
}
