using System.Text.RegularExpressions;
using Pipes.Core.Diagnostics;
using Pipes.Core.Yaml;

namespace Pipes.Core.Load;

/// <summary>Reads and checks a source's <c>amplitude_export:</c> block, reporting every problem at its value.</summary>
public static partial class AmplitudeExportReader
{
    public static readonly IReadOnlyList<string> Regions = ["us", "eu"];

    public static AmplitudeExportSpec? Read(MappingReader? r, string source)
    {
        if (r is null) return null;
        var apiKey = r.String("api_key", required: true);
        var secretKey = r.String("secret_key", required: true);
        var region = r.String("region") ?? new Located<string>("us", r.Span);
        var table = r.String("table") ?? new Located<string>("amplitude_events_raw", r.Span);
        var endpoint = r.String("endpoint");
        r.Finish();
        if (!Regions.Contains(region.Value))
            r.Bag.Error(DiagnosticCodes.IngestInvalidSetting, region.Span, $"unknown region '{region.Value}' in amplitude_export of source '{source}'",
                DidYouMean.Hint(region.Value, Regions) ?? "expected us or eu");
        if (!Identifier().IsMatch(table.Value))
            r.Bag.Error(DiagnosticCodes.IngestInvalidSetting, table.Span, $"table '{table.Value}' in amplitude_export of source '{source}' is not a plain table name",
                "use letters, digits and underscores, starting with a letter or underscore");
        if (endpoint is not null && !(Uri.TryCreate(endpoint.Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            r.Bag.Error(DiagnosticCodes.IngestInvalidSetting, endpoint.Span, $"endpoint '{endpoint.Value}' in amplitude_export of source '{source}' is not an http(s) URL");
        // A literal secret in the project would be committed with it: only templates (env_var) are accepted.
        foreach (var key in new[] { apiKey, secretKey }.OfType<Located<string>>())
        {
            if (!key.Value.Contains("{{", StringComparison.Ordinal) || EnvVarDefault().IsMatch(key.Value))
                r.Bag.Error(DiagnosticCodes.IngestInvalidSetting, key.Span, $"a key in amplitude_export of source '{source}' is written in the project",
                    "no literal and no env_var default; use \"{{ env_var 'AMPLITUDE_API_KEY' }}\" / \"{{ env_var 'AMPLITUDE_SECRET_KEY' }}\" and set the variables");
        }
        return apiKey is null || secretKey is null ? null : new AmplitudeExportSpec(apiKey, secretKey, region, table, endpoint, r.Span);
    }

    // env_var 'NAME' 'default' (or with parentheses and a comma): the default would be a key in the project.
    [GeneratedRegex("""env_var\s*\(?\s*(['"])[^'"]*\1\s*,?\s*['"]""")]
    private static partial Regex EnvVarDefault();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
