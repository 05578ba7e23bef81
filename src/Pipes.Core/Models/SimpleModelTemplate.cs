using System.Text;
using System.Text.RegularExpressions;
using Pipes.Core.Diagnostics;
using Pipes.Core.Templating;

namespace Pipes.Core.Models;

/// <summary>
/// A model whose every <c>{{ }}</c> is a plain <c>ref</c>, <c>source</c>, <c>var</c> or <c>env_var</c> call with quoted
/// arguments: most models. Rendering it is a substitution, which spares parsing thousands of templates with Scriban
/// (the slow part of loading large projects); anything else goes to Scriban, and both give the same text.
/// </summary>
public sealed partial class SimpleModelTemplate
{
    private readonly IReadOnlyList<(string Text, string? Function, IReadOnlyList<string> Args, SourceSpan At)> _parts;

    private SimpleModelTemplate(IReadOnlyList<(string, string?, IReadOnlyList<string>, SourceSpan)> parts) => _parts = parts;

    public static SimpleModelTemplate? TryParse(string text, string path)
    {
        if (text.Contains("{%{", StringComparison.Ordinal) || text.Contains('\\')) return null;
        var parts = new List<(string, string?, IReadOnlyList<string>, SourceSpan)>();
        var last = 0;
        foreach (Match block in Block().Matches(text))
        {
            var call = Call().Match(block.Groups[1].Value);
            if (!call.Success) return null;
            var function = call.Groups["f"].Value;
            var args = call.Groups["a"].Captures.Select(c => c.Value[1..^1]).ToList();
            var arity = function switch { "ref" => args.Count == 1, "source" => args.Count == 2, _ => args.Count is 1 or 2 };
            if (!arity) return null;
            var at = block.Index + 2 + call.Groups["f"].Index;
            parts.Add((text[last..block.Index], function, args, SpanAt(text, at, path)));
            last = block.Index + block.Length;
        }
        var rest = text[last..];
        if (rest.Contains("{{", StringComparison.Ordinal) || rest.Contains("}}", StringComparison.Ordinal)) return null;
        parts.Add((rest, null, Array.Empty<string>(), SourceSpan.None));
        return new SimpleModelTemplate(parts);
    }

    public string Render(ModelScope scope)
    {
        var sql = new StringBuilder();
        foreach (var (text, function, args, at) in _parts)
        {
            sql.Append(text);
            if (function is not null) sql.Append(scope.Call(function, args, at));
        }
        return sql.ToString();
    }

    private static SourceSpan SpanAt(string text, int index, string path)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] != '\n') continue;
            line++;
            lineStart = i + 1;
        }
        return SourceSpan.At(path, line, index - lineStart + 1);
    }

    [GeneratedRegex(@"\{\{(.*?)\}\}", RegexOptions.Singleline)]
    private static partial Regex Block();

    [GeneratedRegex(@"^\s*(?<f>ref|source|var|env_var)(?:\s+(?<a>""[^""{}]*""|'[^'{}]*'))+\s*$")]
    private static partial Regex Call();
}
