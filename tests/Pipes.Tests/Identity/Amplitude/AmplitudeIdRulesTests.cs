using Pipes.Core.Diagnostics;
using Pipes.Core.Identity;
using Pipes.Core.Load;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.Identity.Amplitude;

/// <summary>How a project's <c>amplitude_id</c> declaration combines with the type's defaults, at load time.</summary>
public sealed class AmplitudeIdRulesTests
{
    private static (IdTypeRule? Rule, DiagnosticBag Diagnostics) Load(string amplitudeId)
    {
        using var project = new TestProject(new Dictionary<string, string>
        {
            ["pipes_project.yml"] = "name: amp\nprofile: p\n",
            ["profiles.yml"] = "p:\n  target: local\n  outputs:\n    local: {type: duckdb, path: target/test.duckdb}\n",
            ["seeds/ids.csv"] = "a,b\n1,2\n",
            ["models/identity.yml"] = $$"""
                identity:
                  id_types:
                    other_id: {priority: 1}
                    amplitude_id: {{amplitudeId}}
                seeds:
                  - name: ids
                    identifiers:
                      - {column: a, type: amplitude_id}
                      - {column: b, type: amplitude_id}
                """,
        });
        var (loaded, diagnostics) = ProjectLoader.Load(project.Root, new LoadOptions { ProfilesDirectory = project.Root, Environment = _ => null });
        return (loaded?.Identity?.Rules.Type("amplitude_id"), diagnostics);
    }

    [Fact]
    public void Leaving_keys_out_gives_the_defaults_and_a_type_without_defaults_gets_none()
    {
        var (rule, diagnostics) = Load("{priority: 2}");
        diagnostics.Items.ShouldBeEmpty();
        rule!.Limit.ShouldBe(20);
        rule.Pattern.ShouldBe("^[0-9]+$");
        rule.MaxLength.ShouldBe(19);
        rule.Normalizers.ShouldBe([IdNormalizer.RemoveWhitespace]);
        KnownIdTypes.Defaults("other_id").ShouldBeNull();
    }

    [Fact]
    public void Each_key_written_replaces_its_default_and_an_empty_normalize_turns_it_off()
    {
        var (rule, diagnostics) = Load("{priority: 2, limit: 5, normalize: [], pattern: '^[0-9]{6,}$', max_length: 30}");
        diagnostics.Items.ShouldBeEmpty();
        rule!.Limit.ShouldBe(5);
        rule.Normalizers.ShouldBeEmpty();
        rule.Pattern.ShouldBe("^[0-9]{6,}$");
        rule.MaxLength.ShouldBe(30);
    }

    [Fact]
    public void A_min_length_above_the_default_max_length_is_an_error_at_the_value()
    {
        var (_, diagnostics) = Load("{priority: 2, min_length: 25}");
        var error = diagnostics.Items.ShouldHaveSingleItem();
        error.Code.ShouldBe(DiagnosticCodes.InvalidValue);
        error.Message.ShouldBe("min_length 25 of id type 'amplitude_id' is above its default max_length 19");
        error.Span.Line.ShouldBe(4);
    }
}
