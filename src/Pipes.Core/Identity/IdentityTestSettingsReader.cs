using System.Globalization;
using Pipes.Core.Diagnostics;
using Pipes.Core.Yaml;

namespace Pipes.Core.Identity;

/// <summary>Reads <c>identity_tests: {max_profile_size: {warn: 50, error: 500}, min_resolved_share: 0.5}</c>.</summary>
public static class IdentityTestSettingsReader
{
    public static IdentityTestSettings? Read(MappingReader root)
    {
        var r = root.Mapping("identity_tests");
        if (r is null) return null;
        var settings = new IdentityTestSettings();
        var size = r.Mapping("max_profile_size");
        if (size is not null)
        {
            settings = settings with
            {
                MaxProfileSizeWarn = size.Int("warn")?.Value ?? settings.MaxProfileSizeWarn,
                MaxProfileSizeError = size.Int("error")?.Value ?? settings.MaxProfileSizeError,
            };
            size.Finish();
        }
        var share = r.String("min_resolved_share");
        if (share is not null)
        {
            if (double.TryParse(share.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1)
                settings = settings with { MinResolvedShare = value };
            else
                r.Bag.Error(DiagnosticCodes.InvalidValue, share.Span, $"min_resolved_share must be a number from 0 to 1, not '{share.Value}'");
        }
        r.Finish();
        return settings;
    }
}

/// <summary>Thresholds of the built-in identity tests (<c>identity_tests:</c>); defaults suit most B2B projects.</summary>
public sealed record IdentityTestSettings
{
    /// <summary>A profile with more identifiers than this is a warning (a household, a shared inbox?).</summary>
    public int MaxProfileSizeWarn { get; init; } = 50;

    /// <summary>A profile with more identifiers than this fails the build: stitching has run away.</summary>
    public int MaxProfileSizeError { get; init; } = 500;

    /// <summary>The least share of observations that must be valid and land on a profile.</summary>
    public double MinResolvedShare { get; init; } = 0.5;
}
