using System.Text.RegularExpressions;
using Pipes.Core.Diagnostics;

namespace Pipes.Core.Plan;

/// <summary>Parses selection terms with one regex, as dbt's selector_spec does.</summary>
public static partial class SelectorParser
{
    public static readonly IReadOnlyList<string> Methods = new[] { "name", "tag", "path", "source", "resource_type" };

    /// <summary>Each argument may hold several space-separated terms; the result is their union.</summary>
    public static IReadOnlyList<Selector> Parse(IEnumerable<string> arguments, string option, DiagnosticBag bag)
    {
        var selectors = new List<Selector>();
        foreach (var text in arguments.SelectMany(a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            var match = Term().Match(text);
            if (!match.Success)
            {
                bag.Error(DiagnosticCodes.BadSelector, SourceSpan.None, $"{option} '{text}' is not a selector", "write name, +name, name+, tag:x, path:dir or source:x");
                continue;
            }
            var method = match.Groups["method"].Success ? match.Groups["method"].Value : "name";
            if (!Methods.Contains(method))
            {
                bag.Error(DiagnosticCodes.BadSelector, SourceSpan.None, $"{option} '{text}' uses unknown method '{method}'", DidYouMean.Hint(method, Methods));
                continue;
            }
            selectors.Add(new Selector(text, method, match.Groups["value"].Value, match.Groups["parents"].Success, match.Groups["children"].Success));
        }
        return selectors;
    }

    [GeneratedRegex(@"^(?<parents>\+)?(?:(?<method>[a-z_]+):)?(?<value>[^+:\s]+)(?<children>\+)?$")]
    private static partial Regex Term();
}
