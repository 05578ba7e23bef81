using Pipes.Core.Dialects;
using Pipes.Core.Diagnostics;
using Pipes.Core.Templating;
using YamlDotNet.RepresentationModel;
using Pipes.Core.Yaml;

namespace Pipes.Core.Load;

/// <summary>Finds <c>profiles.yml</c>, picks the output and renders its env_var calls.</summary>
public static partial class ProfileReader
{
    public const string FileName = "profiles.yml";

    /// <summary>--profiles-dir, then the project root, then ~/.pipes.</summary>
    public static string? Locate(string rootDirectory, LoadOptions options)
    {
        var candidates = new[] { options.ProfilesDirectory, rootDirectory, options.HomeDirectory is null ? null : Path.Combine(options.HomeDirectory, ".pipes") };
        return candidates.Where(d => d is not null).Select(d => Path.Combine(d!, FileName)).FirstOrDefault(File.Exists);
    }

    public static OutputSpec? Read(string rootDirectory, ProjectSpec project, LoadOptions options, DiagnosticBag bag)
    {
        var path = Locate(rootDirectory, options);
        if (project.Profile is null || path is null)
        {
            if (project.Profile is not null && options.ProfilesDirectory is not null)
                bag.Error(DiagnosticCodes.MissingFile, project.Profile.Span, $"no {FileName} in {options.ProfilesDirectory}");
            if (options.Target is not null && options.Target != "local")
                bag.Error(DiagnosticCodes.UnknownTarget, SourceSpan.None, $"unknown target '{options.Target}': there is no {FileName}, only the embedded DuckDB output 'local'");
            return OutputSpec.EmbeddedDefault(project.TargetPath);
        }
        var display = Path.GetRelativePath(rootDirectory, path).Replace('\\', '/');
        var text = YamlFile.ReadText(path, display, bag);
        var errorsBefore = bag.Items.Count;
        var node = text is null ? null : YamlFile.Parse(display, text, bag);
        var root = MappingReader.From(display, node, bag, FileName);
        if (root is null)
        {
            if (text is not null && bag.Items.Count == errorsBefore)
                bag.Error(DiagnosticCodes.UnknownProfile, project.Profile.Span, $"profile '{project.Profile.Value}' is not in {display}, which is empty");
            return null;
        }
        var profiles = root.Entries().ToList();
        var entry = profiles.FirstOrDefault(p => p.Key.Value == project.Profile.Value);
        if (entry.Key is null)
        {
            bag.Error(DiagnosticCodes.UnknownProfile, project.Profile.Span, $"profile '{project.Profile.Value}' is not in {display}",
                DidYouMean.Hint(project.Profile.Value, profiles.Select(p => p.Key.Value)));
            return null;
        }
        var profile = MappingReader.Required(display, entry.Value, bag, $"profile '{entry.Key.Value}'", entry.Key.Span);
        if (profile is null) return null;
        var defaultTarget = profile.String("target", required: true);
        var outputs = profile.Mapping("outputs");
        profile.Finish();
        if (outputs is null || defaultTarget is null)
        {
            if (outputs is null) bag.Error(DiagnosticCodes.MissingKey, profile.Span, $"profile '{entry.Key.Value}' has no 'outputs'");
            return null;
        }
        var all = outputs.Entries().ToList();
        var wanted = options.Target ?? defaultTarget.Value;
        // Every output is checked, so a typo in prod shows up while working on dev; only the chosen one is rendered.
        var read = all.Select(o => ReadOutput(display, o.Key, o.Value, o.Key.Value == wanted ? options.Environment : null, bag)).ToList();
        var chosen = all.FirstOrDefault(o => o.Key.Value == wanted);
        if (chosen.Key is null)
        {
            var at = options.Target is null ? defaultTarget.Span : SourceSpan.None;
            bag.Error(DiagnosticCodes.UnknownTarget, at, $"unknown target '{wanted}' in profile '{entry.Key.Value}'",
                DidYouMean.Hint(wanted, all.Select(o => o.Key.Value)) ?? "outputs: " + string.Join(", ", all.Select(o => o.Key.Value)));
            return null;
        }
        return read[all.IndexOf(chosen)];
    }

    private static readonly Dictionary<string, string[]> AllowedValues = new(StringComparer.Ordinal)
    {
        ["authenticator"] = new[] { "keypair", "pat", "oauth" },
        ["protocol"] = new[] { "https", "http" },
    };

    /// <summary>Checks rendered values, so a bad env var is caught at load, not as a crash mid-run.</summary>
    private static void CheckValues(IReadOnlyDictionary<string, Located<string>> settings, DiagnosticBag bag)
    {
        foreach (var key in new[] { "port", "statement_timeout", "threads" })
        {
            if (settings.TryGetValue(key, out var v) && v.Value.Length > 0 && !(int.TryParse(v.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0))
                bag.Error(DiagnosticCodes.InvalidValue, v.Span, $"'{key}' must be a positive whole number, not '{v.Value}'");
        }
        if (settings.TryGetValue("memory_limit", out var limit) && limit.Value.Length > 0 && !MemorySize().IsMatch(limit.Value))
            bag.Error(DiagnosticCodes.InvalidValue, limit.Span, $"'memory_limit' must be a size such as 2GB, 512MB or 1.5GiB, not '{limit.Value}'");
        foreach (var (key, allowed) in AllowedValues)
        {
            if (settings.TryGetValue(key, out var v) && v.Value.Length > 0 && !allowed.Contains(v.Value))
                bag.Error(DiagnosticCodes.InvalidValue, v.Span, $"'{key}' must be one of {string.Join(", ", allowed)}, not '{v.Value}'", DidYouMean.Hint(v.Value, allowed));
        }
    }

    private static OutputSpec? ReadOutput(string file, Located<string> outputKey, YamlNode node, Func<string, string?>? environment, DiagnosticBag bag)
    {
        var name = outputKey.Value;
        var reader = MappingReader.Required(file, node, bag, $"output '{name}'", outputKey.Span);
        if (reader is null) return null;
        var type = reader.String("type", required: true);
        // Each engine's keys are a member of its dialect; the dialect list is the one registry of engines.
        var keys = type is null ? [] : DialectRegistry.Find(type.Value)?.OutputKeys ?? [];
        if (type is not null && keys.Count == 0)
        {
            bag.Error(DiagnosticCodes.UnknownOutputType, type.Span, $"unknown output type '{type.Value}'",
                DidYouMean.Hint(type.Value, DialectRegistry.Names) ?? "expected " + string.Join(" or ", DialectRegistry.Names));
            return null;
        }
        var settings = new SortedDictionary<string, Located<string>>(StringComparer.Ordinal);
        foreach (var key in keys.Where(k => k != "type"))
        {
            var value = reader.String(key);
            if (value is not null) settings[key] = environment is null ? value : value with { Value = StringTemplate.Render(value, environment, bag) };
        }
        reader.Finish();
        if (environment is not null) CheckValues(settings, bag);
        return type is null ? null : new OutputSpec(name, type, settings);
    }

    /// <summary>A size DuckDB's <c>memory_limit</c> accepts; checked here so the value reaches SQL only in this form.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^[0-9]{1,9}(\.[0-9]{1,3})? ?(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex MemorySize();
}
