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
