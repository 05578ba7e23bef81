using System.Text.RegularExpressions;
using Pipes.Core.Diagnostics;
using Pipes.Core.Properties;
using Pipes.Core.Templating;

namespace Pipes.Core.Push;

/// <summary>
/// Turns a validated <c>destinations:</c> entry into a <see cref="PushDestination"/>. The API key template is
/// rendered here, at push time only, so the key never reaches compiled SQL, the manifest or any log.
/// </summary>
public static partial class DestinationMapper
{
    /// <summary>Null with an error in <paramref name="bag"/> when a real push has no key.</summary>
    public static PushDestination? Map(DestinationSpec spec, bool dryRun, Func<string, string?> environment, DiagnosticBag into)
    {
        var bag = new DiagnosticBag();
        var dry = dryRun || spec.DryRun;
        var key = "";
        if (spec.ApiKey is { } template)
        {
            // A dry run never sends the key, so a missing variable is no error there.
            var local = new DiagnosticBag();
            key = StringTemplate.Render(template, environment, local);
            // A default would put a secret in the project: the hint says to set the variable instead.
            if (!dry) bag.AddRange(local.Items.Select(d => d.Code == DiagnosticCodes.MissingEnvVar ? d with { Hint = "set it, or push with --dry-run" } : d));
            if (!dry && !local.HasErrors && string.IsNullOrWhiteSpace(key))
            {
                var variables = EnvVarNames(template.Value);
                bag.Error(DiagnosticCodes.MissingEnvVar, template.Span, $"the API key of destination '{spec.Name.Value}' is empty",
                    variables.Count > 0 ? $"set {string.Join(" or ", variables)}, or push with --dry-run" : "set api_key, or push with --dry-run");
            }
        }
        else if (!dry)
        {
            bag.Error(DiagnosticCodes.MissingKey, spec.Name.Span, $"destination '{spec.Name.Value}' has no api_key",
                "add api_key: \"{{ env_var 'AMPLITUDE_API_KEY' }}\" and set AMPLITUDE_API_KEY, or push with --dry-run");
        }
        into.AddRange(bag.Items);
        if (bag.HasErrors) return null;
        var defaults = new PushDestination { Name = spec.Name.Value, ApiKey = key };
        return defaults with
        {
            Name = spec.Name.Value,
            ApiKey = key,
            Region = spec.Region.Value == "eu" ? AmplitudeRegion.Eu : AmplitudeRegion.Us,
            Endpoint = spec.Endpoint is { } endpoint ? new Uri(endpoint.Value) : null,
            Mode = spec.Mode.Value == "create" ? PushMode.Create : PushMode.UpdateOnly,
            DryRun = dry,
            MaxEventsPerBatch = spec.MaxEventsPerBatch?.Value ?? defaults.MaxEventsPerBatch,
            MaxBytesPerBatch = spec.MaxBytesPerBatch?.Value ?? defaults.MaxBytesPerBatch,
            Concurrency = spec.Concurrency?.Value ?? defaults.Concurrency,
            MinIdLength = spec.MinIdLength?.Value ?? defaults.MinIdLength,
        };
    }

    private static List<string> EnvVarNames(string template) =>
        EnvVarCall().Matches(template).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    [GeneratedRegex("""env_var\s*\(?\s*['"]([^'"]+)['"]""")]
    private static partial Regex EnvVarCall();
}
