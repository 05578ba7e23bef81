using Pipes.Core.Dialects;
using Pipes.Core.Diagnostics;
using Pipes.Core.Yaml;
using Pipes.Core.Templating;
using Pipes.Core.Models;

namespace Pipes.Tests.Templating;

/// <summary>The substitution fast path renders exactly what Scriban renders, and steps aside for anything else.</summary>
public sealed class SimpleModelTemplateTests
{
    [Theory]
    [InlineData("SELECT * FROM {{ ref \"a\" }}")]
    [InlineData("SELECT *\nFROM {{ref 'a'}} JOIN {{ source \"crm\" \"contacts\" }} USING (id)\n  WHERE x > {{ var \"n\" }} AND y = '{{ env_var \"HOME_REGION\" \"eu\" }}'\n")]
    [InlineData("-- {{ var \"missing\" \"fallback\" }}\n{{ ref \"a\" }}{{ ref \"b\" }}\n\n")]
    public void Renders_what_scriban_renders(string text)
    {
        var simple = SimpleModelTemplate.TryParse(text, "m.sql");
        simple.ShouldNotBeNull();

        var (fast, fastBag) = Render(scope => simple.Render(scope));
        var template = TemplateEngine.Parse(text, "m.sql", new DiagnosticBag())!;
        var (slow, slowBag) = Render(scope => new TemplateRenderer().Render(template, scope.Globals, new DiagnosticBag())!);

        fast.ShouldBe(slow);
        fastBag.ShouldBe(slowBag);

        (string Text, string Diagnostics) Render(Func<ModelScope, string> render)
        {
            var bag = new DiagnosticBag();
            var scope = new ModelScope(DuckDbDialect.Instance, new Dictionary<string, object?> { ["n"] = "3" }, _ => null);
            scope.Bind(new Resolver(), bag, "\"self\"", isIncremental: false);
            return (render(scope), string.Join("\n", bag.Items));
        }
    }

    [Theory]
    [InlineData("SELECT {{ dialect.json_path_text \"p\" \"email\" }}")]
    [InlineData("{{ if is_incremental }}x{{ end }}")]
    [InlineData("SELECT '{{ var \"a\\\\b\" }}'")]
    [InlineData("SELECT {{ ref \"a\" \"b\" }}")]
    [InlineData("SELECT {{ ref \"a\" ")]
    [InlineData("{%{ raw }%}")]
    public void Anything_else_goes_to_scriban(string text) =>
        SimpleModelTemplate.TryParse(text, "m.sql").ShouldBeNull();

    /// <summary>
    /// The hand-written scanner (issue 14) against the two regular expressions it replaced, kept here as the oracle:
    /// same accept/refuse decision, same parts, same call positions, on generated texts mixing every token that
    /// matters (braces, quotes of both kinds, whitespace kinds, names that almost match).
    /// </summary>
    [Fact]
    public void The_scanner_decides_and_splits_as_the_regular_expressions_did()
    {
        string[] tokens = ["{{", "}}", "{", "}", " ", "\n", "\t", "\u00a0", "ref", "source", "var", "env_var", "refs", "\"a\"", "'b c'", "\"x{\"", "'", "\"",
            "SELECT ", "x", "(", "{%{", "--", "é"];
        var random = new Random(14);
        var accepted = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 16)).Select(_ => tokens[random.Next(tokens.Length)]));
            // Most random texts are refused early; every third one is built from whole calls to exercise acceptance.
            if (n % 3 == 0) text = string.Concat(Enumerable.Range(0, random.Next(1, 5)).Select(_ => Call(random, tokens)));
            var expected = Oracle(text, "m.sql");
            var actual = SimpleModelTemplate.TryParse(text, "m.sql")?.ToString();
            actual.ShouldBe(expected, $"text: {text}");
            if (expected is not null) accepted++;
        }
        accepted.ShouldBeGreaterThan(3_000);
    }

    private static string Call(Random random, string[] tokens)
    {
        string[] functions = ["ref", "source", "var", "env_var", "refx"];
        string[] spaces = [" ", "  ", "\n", "\t", "\u00a0", ""];
        string[] args = ["\"a\"", "'b'", "\"c d\"", "'e\"f'", "\"g{\"", "''"];
        var call = spaces[random.Next(spaces.Length)] + functions[random.Next(functions.Length)];
        for (var i = random.Next(0, 4); i > 0; i--) call += spaces[random.Next(spaces.Length)] + args[random.Next(args.Length)];
        return tokens[random.Next(tokens.Length)] + "{{" + call + spaces[random.Next(spaces.Length)] + "}}";
    }

    /// <summary>The regex-based parse of before issue 14, printed as <see cref="SimpleModelTemplate.ToString"/> prints.</summary>
    private static string? Oracle(string text, string path)
    {
        if (text.Contains("{%{", StringComparison.Ordinal) || text.Contains('\\')) return null;
        var output = new System.Text.StringBuilder();
        var last = 0;
        foreach (System.Text.RegularExpressions.Match block in System.Text.RegularExpressions.Regex.Matches(text, @"\{\{(.*?)\}\}", System.Text.RegularExpressions.RegexOptions.Singleline))
        {
            var call = System.Text.RegularExpressions.Regex.Match(block.Groups[1].Value, @"^\s*(?<f>ref|source|var|env_var)(?:\s+(?<a>""[^""{}]*""|'[^'{}]*'))+\s*$");
            if (!call.Success) return null;
            var function = call.Groups["f"].Value;
            var args = call.Groups["a"].Captures.Select(c => c.Value[1..^1]).ToList();
            var arity = function switch { "ref" => args.Count == 1, "source" => args.Count == 2, _ => args.Count is 1 or 2 };
            if (!arity) return null;
            var at = block.Index + 2 + call.Groups["f"].Index;
            var line = 1 + text.AsSpan(0, at).Count('\n');
            var column = at - (text.LastIndexOf('\n', Math.Max(0, at - 1)) is var nl && nl >= 0 && nl < at ? nl + 1 : 0) + 1;
            output.Append(text[last..block.Index]).Append($"«{function}({string.Join(", ", args.Select(a => $"'{a}'"))}) at {SourceSpan.At(path, line, column)}»");
            last = block.Index + block.Length;
        }
        var rest = text[last..];
        if (rest.Contains("{{", StringComparison.Ordinal) || rest.Contains("}}", StringComparison.Ordinal)) return null;
        return output.Append(rest).ToString();
    }

    [Fact]
    public void Unknown_names_are_reported_where_scriban_reports_them()
    {
        const string text = "SELECT 1\nFROM {{ ref \"nope\" }}";
        var bag = new DiagnosticBag();
        var scope = new ModelScope(DuckDbDialect.Instance, new Dictionary<string, object?>(), _ => null);
        scope.Bind(new Resolver { Bag = bag }, bag, "self", false);
        SimpleModelTemplate.TryParse(text, "m.sql")!.Render(scope);
        bag.Items.Single().ToString().ShouldBe("m.sql(2,9): error PIPES0101: unknown model or seed 'nope' in ref");
    }

    private sealed class Resolver : IRelationResolver
    {
        public string Ref(Located<string> name) => name.Value == "nope" ? Unknown(name) : $"\"main\".\"{name.Value}\"";

        public string Source(Located<string> source, Located<string> table) => $"\"{source.Value}\".\"{table.Value}\"";

        private string Unknown(Located<string> name)
        {
            Bag?.Error(DiagnosticCodes.UnknownRef, name.Span, $"unknown model or seed '{name.Value}' in ref");
            return name.Value;
        }

        public DiagnosticBag? Bag { get; set; }
    }
}
