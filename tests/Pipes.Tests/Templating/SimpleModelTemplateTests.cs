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
