using System.Text;
using Pipes.Core.Diagnostics;
using Pipes.Core.Templating;

namespace Pipes.Core.Models;

/// <summary>
/// A model whose every <c>{{ }}</c> is a plain <c>ref</c>, <c>source</c>, <c>var</c> or <c>env_var</c> call with quoted
/// arguments: most models. Rendering it is a substitution, which spares parsing thousands of templates with Scriban
/// (the slow part of loading large projects); anything else goes to Scriban, and both give the same text.
/// </summary>
public sealed class SimpleModelTemplate
{
    private readonly IReadOnlyList<(string Text, string? Function, IReadOnlyList<string> Args, SourceSpan At)> _parts;

    private SimpleModelTemplate(IReadOnlyList<(string, string?, IReadOnlyList<string>, SourceSpan)> parts) => _parts = parts;

    public static SimpleModelTemplate? TryParse(string text, string path)
    {
        if (text.Contains("{%{", StringComparison.Ordinal) || text.Contains('\\')) return null;
        var parts = new List<(string, string?, IReadOnlyList<string>, SourceSpan)>();
        var last = 0;
        // Each {{ ... }} block: from a "{{" to the first "}}" after it. Scanned by hand, not with a regex: 10,000 models
        // spent more on Match objects than on reading their files (issue 14).
        for (int open; (open = text.IndexOf("{{", last, StringComparison.Ordinal)) >= 0;)
        {
            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0) break;
            var call = ParseCall(text.AsSpan(open + 2, close - open - 2));
            if (call is not var (function, args, offset)) return null;
            var arity = function switch { "ref" => args.Count == 1, "source" => args.Count == 2, _ => args.Count is 1 or 2 };
            if (!arity) return null;
            parts.Add((text[last..open], function, args, SpanAt(text, open + 2 + offset, path)));
            last = close + 2;
        }
        var rest = text[last..];
        if (rest.Contains("{{", StringComparison.Ordinal) || rest.Contains("}}", StringComparison.Ordinal)) return null;
        parts.Add((rest, null, Array.Empty<string>(), SourceSpan.None));
        return new SimpleModelTemplate(parts);
    }

    private static readonly string[] Functions = ["ref", "source", "var", "env_var"];

    /// <summary>
    /// <c>ref|source|var|env_var</c> then one or more quoted arguments, each after whitespace, then only whitespace:
    /// the function, its arguments without quotes, and where the function's name starts. A quoted argument holds no
    /// quote of its kind, <c>{</c> or <c>}</c>. Anything else is null.
    /// </summary>
    private static (string Function, List<string> Args, int Offset)? ParseCall(ReadOnlySpan<char> block)
    {
        var i = 0;
        while (i < block.Length && char.IsWhiteSpace(block[i])) i++;
        var offset = i;
        string? function = null;
        foreach (var name in Functions)
        {
            if (block[offset..].StartsWith(name, StringComparison.Ordinal)) function = name;
        }
        if (function is null) return null;
        i += function.Length;
        var args = new List<string>();
        while (true)
        {
            var spaces = i;
            while (i < block.Length && char.IsWhiteSpace(block[i])) i++;
            if (i == block.Length) break;
            if (i == spaces || block[i] is not ('"' or '\'')) return null;
            var quote = block[i];
            var end = i + 1;
            while (end < block.Length && block[end] != quote && block[end] is not ('{' or '}')) end++;
            if (end == block.Length || block[end] != quote) return null;
            args.Add(block[(i + 1)..end].ToString());
            i = end + 1;
        }
        return args.Count == 0 ? null : (function, args, offset);
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

    /// <summary>The parts, calls shown as <c>«function('arg', ...) at file(line,col)»</c>: what a test compares.</summary>
    public override string ToString() => string.Concat(_parts.Select(p =>
        p.Text + (p.Function is null ? "" : $"«{p.Function}({string.Join(", ", p.Args.Select(a => $"'{a}'"))}) at {p.At}»")));

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
}
