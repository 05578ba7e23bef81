using System.Globalization;
using System.Text.RegularExpressions;
using Pipes.Core.Diagnostics;

namespace Pipes.Core.Plan;

/// <summary>
/// Parses selection arguments as dbt's selector_spec does: spaces separate a union, commas an intersection, and
/// each term is one regex (graph operators, method, value). A value may be quoted (<c>'orders'</c>, <c>"orders"</c>).
/// </summary>
public static partial class SelectorParser
{
    public static readonly IReadOnlyList<string> Methods = new[] { "name", "tag", "path", "source", "resource_type", "state" };

    /// <summary>The values <c>state:</c> accepts: <c>new</c> (not in the state manifest) and <c>modified</c> (new or changed).</summary>
    public static readonly IReadOnlyList<string> StateValues = new[] { "modified", "new" };

    /// <summary>Each argument may hold several space-separated groups; the result is their union.</summary>
    public static IReadOnlyList<SelectorGroup> Parse(IEnumerable<string> arguments, string option, DiagnosticBag bag)
    {
        var groups = new List<SelectorGroup>();
        foreach (var text in arguments.SelectMany(Words))
        {
            var terms = new List<Selector>();
            foreach (var part in text.Split(','))
            {
                if (ParseTerm(part, option, bag) is { } term) terms.Add(term);
                else terms.Clear();
                if (terms.Count == 0) break;
            }
            if (terms.Count > 0) groups.Add(new SelectorGroup(text, terms));
        }
        return groups;
    }

    private static Selector? ParseTerm(string text, string option, DiagnosticBag bag)
    {
        var match = Term().Match(text);
        if (!match.Success || (match.Groups["at"].Success && match.Groups["parents"].Success))
        {
            bag.Error(DiagnosticCodes.BadSelector, SourceSpan.None, $"{option} '{text}' is not a selector",
                "write name, +name, 2+name, name+, name+1, @name, tag:x, path:dir, source:x or state:modified; join with ',' to intersect");
            return null;
        }
        var method = match.Groups["method"].Success ? match.Groups["method"].Value : "name";
        if (!Methods.Contains(method))
        {
            bag.Error(DiagnosticCodes.BadSelector, SourceSpan.None, $"{option} '{text}' uses unknown method '{method}'", DidYouMean.Hint(method, Methods));
            return null;
        }
        var value = match.Groups["quoted"].Success ? match.Groups["quoted"].Value : match.Groups["value"].Value;
        if (method == "state" && !StateValues.Contains(value))
        {
            bag.Error(DiagnosticCodes.BadSelector, SourceSpan.None, $"{option} '{text}': state has no value '{value}'", DidYouMean.Hint(value, StateValues));
            return null;
        }
        var at = match.Groups["at"].Success;
        return new Selector(text, method, value,
            ParentDepth: Depth(match.Groups["parents"], match.Groups["pdepth"]),
            ChildDepth: at ? Selector.All : Depth(match.Groups["children"], match.Groups["cdepth"]),
            WithChildrenParents: at);
    }

    private static int Depth(Group plus, Group digits) =>
        !plus.Success ? 0 : digits.Length == 0 ? Selector.All : int.Parse(digits.Value, CultureInfo.InvariantCulture);

    /// <summary>Splits on whitespace outside quotes, so a quoted value stays one word.</summary>
    private static IEnumerable<string> Words(string argument)
    {
        var word = new System.Text.StringBuilder();
        char? quote = null;
        foreach (var c in argument)
        {
            if (quote is null && char.IsWhiteSpace(c))
            {
                if (word.Length > 0) yield return word.ToString();
                word.Clear();
                continue;
            }
            if (c is '\'' or '"') quote = quote == c ? null : quote ?? c;
            word.Append(c);
        }
        if (word.Length > 0) yield return word.ToString();
    }

    /// <summary>Whether a node name can be written as a selector value without quotes.</summary>
    public static bool IsSelectable(string name) => Selectable().IsMatch(name);

    [GeneratedRegex(@"^[^\s+:,@'""]+$")]
    private static partial Regex Selectable();

    [GeneratedRegex(@"^(?<at>@)?(?:(?<pdepth>\d+)?(?<parents>\+))?(?:(?<method>[a-z_]+):)?(?:'(?<quoted>[^']+)'|""(?<quoted>[^""]+)""|(?<value>[^+:,@\s'""]+))(?:(?<children>\+)(?<cdepth>\d+)?)?$")]
    private static partial Regex Term();
}
