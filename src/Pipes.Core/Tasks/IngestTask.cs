using System.Diagnostics;
using System.Globalization;
using Pipes.Core.Diagnostics;
using Pipes.Core.Ingest;
using Pipes.Core.Load;
using Pipes.Core.Push;
using Pipes.Core.Targets;
using Pipes.Core.Templating;

namespace Pipes.Core.Tasks;

/// <summary><c>pipes ingest amplitude</c>: loads hours of Amplitude's Export API into a source's events table.</summary>
public static class IngestTask
{
    public static async Task<int> ExecuteAsync(CommandOptions options, IngestSettings settings, TaskOutput output, CancellationToken cancellationToken)
    {
        var (project, bag) = ProjectLoader.Load(options.ProjectDirectory, options.ToLoadOptions());
        var source = project is null || bag.HasErrors ? null : Select(project, settings.Source, bag);
        var export = source is null ? null : Render(source, options.Environment, bag);
        var start = Hour(settings.Start, "--start", bag);
        var end = Hour(settings.End, "--end", bag);
        var templates = project is null ? null : new Templating.TemplateCatalog(project.RootDirectory, bag);
        output.Diagnostics(bag);
        if (project is null || export is null || templates is null || bag.HasErrors) return ExitCodes.Failure;

        var clock = Stopwatch.StartNew();
        var lastServed = ExportHour.Floor(settings.Time.GetUtcNow() - settings.AvailabilityDelay);
        await using var target = TargetFactory.Open(project);
        using var client = new ExportApiClient(export, settings.Time, settings.Handler, retry: settings.Retry);
        var ingester = new AmplitudeIngester(target, export, client, settings.Time, Path.Combine(project.TargetDirectory, "ingest"), templates);
        try
        {
            await ingester.SetupAsync(cancellationToken);
            var watermark = await ingester.WatermarkAsync(cancellationToken);
            var from = start ?? watermark?.AddHours(1);
            if (from is null)
            {
                output.Error($"{DiagnosticCodes.IngestBadHour}: source '{export.Source}' has no watermark yet; give --start YYYYMMDDTHH for the first run",
                    ("event", "ingest_error"), ("code", DiagnosticCodes.IngestBadHour));
                return ExitCodes.Failure;
            }
            var to = end ?? lastServed;
            if (to < from)
            {
                if (end is not null)
                {
                    output.Error($"{DiagnosticCodes.IngestBadHour}: --end {ExportHour.Text(to)} is before the start {ExportHour.Text(from.Value)}",
                        ("event", "ingest_error"), ("code", DiagnosticCodes.IngestBadHour));
                    return ExitCodes.Failure;
                }
                output.Info($"source '{export.Source}' is up to date (watermark {ExportHour.Text(watermark!.Value)}; hours after {ExportHour.Text(lastServed)} are not exported yet)",
                    ("event", "ingest_nothing"), ("watermark", ExportHour.Text(watermark.Value)));
                return ExitCodes.Success;
            }
            var hours = (int)(to - from.Value).TotalHours + 1;
            output.Info($"Pipes {PipesVersion.Current} · ingest {export.Source} from {export.ExportUri.Host} into {ingester.EventsTable} · {ExportHour.Text(from.Value)}..{ExportHour.Text(to)} ({hours} hours)",
                ("event", "ingest_started"), ("source", export.Source), ("start", ExportHour.Text(from.Value)), ("end", ExportHour.Text(to)), ("hours", hours));
            long total = 0;
            for (var hour = from.Value; hour <= to; hour = hour.AddHours(1))
            {
                var r = await ingester.IngestHourAsync(hour, cancellationToken);
                total += r.Events;
                output.Info(string.Create(CultureInfo.InvariantCulture, $"{ExportHour.Text(hour)} {r.Status}: {r.Events:N0} events in {r.Files} files ({r.ArchiveBytes:N0} bytes, {r.Requests} requests)"),
                    ("event", "ingest_hour"), ("hour", ExportHour.Text(hour)), ("status", r.Status), ("files", r.Files), ("events", r.Events), ("requests", r.Requests));
            }
            var mark = await ingester.WatermarkAsync(cancellationToken);
            output.Info(string.Create(CultureInfo.InvariantCulture, $"Done in {clock.Elapsed.TotalSeconds:0.00}s. {hours} hours, {total:N0} events; watermark {ExportHour.Text(mark!.Value)}"),
                ("event", "ingest_done"), ("hours", hours), ("events", total));
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IngestException or TargetException)
        {
            output.Error($"{DiagnosticCodes.IngestFailed}: {e.Message}", ("event", "ingest_error"), ("code", DiagnosticCodes.IngestFailed));
            return ExitCodes.Failure;
        }
    }

    private static DateTime? Hour(string? text, string option, DiagnosticBag bag)
    {
        if (text is null) return null;
        if (ExportHour.TryParse(text, out var hour)) return hour;
        bag.Error(DiagnosticCodes.IngestBadHour, SourceSpan.None, $"{option} '{text}' is not an hour in YYYYMMDDTHH form (UTC), e.g. 20260201T04");
        return null;
    }

    private static SourceSpec? Select(Project project, string? name, DiagnosticBag bag)
    {
        var exports = project.Sources.Where(s => s.AmplitudeExport is not null).ToList();
        var names = exports.Select(s => s.Name.Value).ToList();
        if (name is not null)
        {
            var match = exports.FirstOrDefault(s => s.Name.Value == name);
            if (match is null)
                bag.Error(DiagnosticCodes.IngestUnknownSource, SourceSpan.None, $"no source '{name}' with amplitude_export: in --source",
                    DidYouMean.Hint(name, names) ?? (names.Count > 0 ? $"known: {string.Join(", ", names)}" : "add amplitude_export: to a source (docs/ingest.md)"));
            return match;
        }
        if (exports.Count == 1) return exports[0];
        bag.Error(DiagnosticCodes.IngestUnknownSource, SourceSpan.None,
            exports.Count == 0 ? $"project {project.Name} has no source with amplitude_export:" : $"{exports.Count} sources have amplitude_export:; choose one with --source",
            exports.Count == 0 ? "add amplitude_export: to a source (docs/ingest.md)" : $"known: {string.Join(", ", names)}");
        return null;
    }

    /// <summary>Renders the keys now, at ingest time only, so they never reach compiled SQL, the manifest or a log.</summary>
    private static ExportSettings? Render(SourceSpec source, Func<string, string?> environment, DiagnosticBag bag)
    {
        var spec = source.AmplitudeExport!;
        var errors = bag.Items.Count(d => d.Severity == Severity.Error);
        var apiKey = StringTemplate.Render(spec.ApiKey, environment, bag);
        var secretKey = StringTemplate.Render(spec.SecretKey, environment, bag);
        foreach (var (value, what) in new[] { (apiKey, spec.ApiKey), (secretKey, spec.SecretKey) })
            if (string.IsNullOrWhiteSpace(value) && bag.Items.Count(d => d.Severity == Severity.Error) == errors)
                bag.Error(DiagnosticCodes.MissingEnvVar, what.Span, $"a key of amplitude_export in source '{source.Name.Value}' renders empty", "set the environment variable it names");
        if (bag.Items.Count(d => d.Severity == Severity.Error) > errors) return null;
        return new ExportSettings
        {
            Source = source.Name.Value,
            ApiKey = apiKey,
            SecretKey = secretKey,
            Region = spec.Region.Value == "eu" ? AmplitudeRegion.Eu : AmplitudeRegion.Us,
            Database = source.Database,
            Schema = source.Schema,
            Table = spec.Table.Value,
            Endpoint = spec.Endpoint is { } endpoint ? new Uri(endpoint.Value) : null,
        };
    }
}
