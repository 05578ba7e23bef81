using System.Globalization;
using System.Text.RegularExpressions;
using Pipes.Core.Compile;
using Pipes.Core.Diagnostics;
using Pipes.Core.Load;
using Pipes.Core.Plan;
using Pipes.Core.Targets.Snowflake;
using Pipes.Core.Templating;

namespace Pipes.Core.Deploy;

/// <summary>
/// The DDL of <c>pipes deploy</c>, in the order it runs: the procedure, the trigger stream (when
/// <c>when_stream_has_data</c> is set), the task, and the RESUME that starts it. No clock and no connection, so the
/// same project gives the same text.
/// </summary>
public static partial class DeployPlanner
{
    public static readonly IReadOnlyList<string> ServerlessSizes = ["XSMALL", "SMALL", "MEDIUM", "LARGE", "XLARGE", "XXLARGE"];

    /// <summary>The procedure's name in the target schema, e.g. pipes_run_acme_growth.</summary>
    public static string ProcedureName(Project project) => project.Dialect.Relation(project.Output.Database, project.Output.Schema, "pipes_run_" + project.Name);

    public static string TaskName(Project project) => project.Dialect.Relation(project.Output.Database, project.Output.Schema, "pipes_task_" + project.Name);

    public static IReadOnlyList<DeployStatement>? Plan(Project project, IReadOnlyList<CompiledNode> compiled, TemplateCatalog catalog, DiagnosticBag bag)
    {
        var spec = project.Spec.Deploy;
        if (spec is null)
        {
            bag.Error(DiagnosticCodes.DeployNotConfigured, SourceSpan.FileOnly(ProjectFileReader.FileName),
                $"{ProjectFileReader.FileName} has no 'deploy:' section, so there is no schedule to deploy",
                "add e.g.\ndeploy:\n  schedule: \"0 * * * *\"   # every hour, minute 0\n  time_zone: UTC");
            return null;
        }
        if (!project.Dialect.SupportsScripting)
        {
            bag.Error(DiagnosticCodes.DeployTargetUnsupported, project.Output.Type.Span,
                $"target '{project.Output.Name}' is {project.Dialect.Name}: pipes deploy creates a Snowflake stored procedure and task, which {project.Dialect.Name} has not",
                "pass --target with a Snowflake output of the profile, e.g. --target prod");
            return null;
        }

        var schedule = Schedule(spec, bag);
        var (warehouse, serverless) = Compute(project, spec, bag);
        var stream = Stream(project, compiled, spec, bag);
        if (bag.HasErrors) return null;

        var relations = new RelationNames(project);
        var advance = new List<string>();
        if (stream is not null)
        {
            // Not pipes_stream_<name>: a seed named "advance" would have that stream.
            var scratch = relations.Model("pipes_deploy_stream_advance");
            advance.Add($"CREATE TRANSIENT TABLE IF NOT EXISTS {scratch} (advanced BOOLEAN)");
            advance.Add($"INSERT INTO {scratch} SELECT TRUE FROM {stream.Value.Stream} WHERE 0 = 1");
        }
        var body = ProcedureBody.Build(compiled, project.Name, project.Output.Name, advance, bag);
        if (body is null) return null;

        var templates = new StatementTemplates(catalog, project.Dialect);
        var comment = ScriptText.Literal($"pipes deploy of project {project.Name} (target {project.Output.Name}); docs/deploy.md");
        var statements = new List<DeployStatement>
        {
            new("procedure", templates.RenderSingle("deploy/procedure.sql.scriban", new Dictionary<string, object?>
            {
                ["procedure"] = ProcedureName(project), ["comment"] = comment, ["body"] = ScriptText.Literal(body),
            })),
        };
        if (stream is not null)
            statements.Add(new("stream", templates.RenderSingle("deploy/stream.sql.scriban", new Dictionary<string, object?>
            {
                ["stream"] = stream.Value.Stream, ["table"] = stream.Value.Table, ["comment"] = comment,
            })));
        statements.Add(new("task", templates.RenderSingle("deploy/task.sql.scriban", new Dictionary<string, object?>
        {
            ["task"] = TaskName(project), ["procedure"] = ProcedureName(project), ["comment"] = comment,
            ["warehouse"] = warehouse is null ? null : project.Dialect.Quote(warehouse),
            ["serverless_size"] = serverless is null ? null : ScriptText.Literal(serverless),
            ["schedule"] = ScriptText.Literal(schedule!),
            ["session_parameters"] = SnowflakeSessionParameters.Pinned.Select(p => $"{p.Key} = {ScriptText.Literal(p.Value)}")
                .Append($"QUERY_TAG = {ScriptText.Literal($"pipes:{project.Name}:task")}").ToList(),
            // SYSTEM$STREAM_HAS_DATA takes the stream's name as a string.
            ["stream"] = stream is null ? null : ScriptText.Literal(stream.Value.Stream),
        })));
        statements.Add(new("resume", templates.RenderSingle("deploy/resume.sql.scriban", new Dictionary<string, object?> { ["task"] = TaskName(project) })));
        return statements;
    }

    /// <summary>'USING CRON &lt;five fields&gt; &lt;time zone&gt;'; each field's shape and numbers are checked, as Snowflake would only say so at CREATE TASK.</summary>
    private static string? Schedule(DeploySpec spec, DiagnosticBag bag)
    {
        if (spec.Schedule is not { } cron) return null;
        var fields = cron.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? problem = null;
        if (fields.Length != 5) problem = $"has {fields.Length} fields; a CRON schedule has five: minute hour day-of-month month day-of-week";
        else
        {
            for (var i = 0; i < 5 && problem is null; i++) problem = Field(fields[i], CronFields[i]);
        }
        if (problem is not null)
            bag.Error(DiagnosticCodes.DeployScheduleInvalid, cron.Span, $"deploy.schedule '{cron.Value}' {problem}",
                "e.g. \"0 * * * *\" (hourly), \"*/15 * * * *\" (every 15 minutes), \"0 6 * * MON-FRI\"");
        var zone = spec.TimeZone?.Value ?? "UTC";
        if (spec.TimeZone is { } tz && zone != "UTC" && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            bag.Error(DiagnosticCodes.DeployTimeZoneInvalid, tz.Span, $"deploy.time_zone '{zone}' is not an IANA time zone name", "e.g. UTC, Europe/Paris, America/Los_Angeles");
        return problem is null ? $"USING CRON {string.Join(' ', fields)} {zone}" : null;
    }

    private sealed record CronField(string Name, int Min, int Max, IReadOnlyList<string> Names);

    private static readonly CronField[] CronFields =
    [
        new("minute", 0, 59, []),
        new("hour", 0, 23, []),
        new("day-of-month", 1, 31, ["L"]),
        new("month", 1, 12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]),
        new("day-of-week", 0, 6, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", "L"]),
    ];

    private static string? Field(string text, CronField field)
    {
        foreach (var part in text.Split(','))
        {
            var m = CronPart().Match(part);
            if (!m.Success) return $"has '{text}' as {field.Name}: expected *, a number, a range a-b, a list a,b or a step */n";
            foreach (var value in new[] { m.Groups["from"].Value, m.Groups["to"].Value }.Where(v => v.Length > 0 && v != "*"))
            {
                if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    if (n < field.Min || n > field.Max) return $"has {n} as {field.Name}, outside {field.Min}-{field.Max}";
                }
                else if (!field.Names.Contains(value.ToUpperInvariant()))
                    return $"has '{value}' as {field.Name}: " + (field.Names.Count == 0 ? "expected a number" : "expected a number or one of " + string.Join(", ", field.Names));
            }
        }
        return null;
    }

    [GeneratedRegex("^(?<from>\\*|[0-9]+|[A-Za-z]+)(-(?<to>[0-9]+|[A-Za-z]+))?(/[1-9][0-9]*)?$")]
    private static partial Regex CronPart();

    private static (string? Warehouse, string? Serverless) Compute(Project project, DeploySpec spec, DiagnosticBag bag)
    {
        if (spec.ServerlessSize is { } size)
        {
            if (spec.Warehouse is { } both)
                bag.Error(DiagnosticCodes.DeployComputeConflict, both.Span, "deploy sets both warehouse and serverless_size; a task runs on one of them", "keep warehouse for a warehouse task, serverless_size for a serverless one");
            if (!ServerlessSizes.Contains(size.Value.ToUpperInvariant()))
                bag.Error(DiagnosticCodes.DeployComputeConflict, size.Span, $"deploy.serverless_size '{size.Value}' is not a size", "one of " + string.Join(", ", ServerlessSizes));
            return (null, size.Value.ToUpperInvariant());
        }
        var warehouse = spec.Warehouse?.Value ?? project.Output.Get("warehouse");
        if (warehouse is null)
            bag.Error(DiagnosticCodes.DeployComputeConflict, spec.Span, $"deploy names no warehouse and target '{project.Output.Name}' has none",
                "set deploy.warehouse, or deploy.serverless_size for a serverless task");
        return (warehouse, null);
    }

    /// <summary>The stream's name and the table it watches, from <c>when_stream_has_data</c>: a source table or a seed.</summary>
    private static (string Stream, string Table)? Stream(Project project, IReadOnlyList<CompiledNode> compiled, DeploySpec spec, DiagnosticBag bag)
    {
        if (spec.WhenStreamHasData is not { } input) return null;
        var relations = new RelationNames(project);
        var parts = input.Value.Split('.');
        string? table = null;
        string? name = null;
        if (parts is ["source", var source, var sourceTable]
            && project.Sources.FirstOrDefault(s => s.Name.Value == source) is { } spec1 && spec1.Tables.Any(t => t.Name.Value == sourceTable))
        {
            table = relations.Source(source, sourceTable);
            name = $"{source}_{sourceTable}";
        }
        else if (parts is ["seed", var seed] && project.Seeds.Any(s => s.Name == seed))
        {
            table = compiled.FirstOrDefault(n => n.Node.Id == Node.SeedId(project.Name, seed))?.Relation ?? relations.Model(seed);
            name = seed;
        }
        if (table is null)
        {
            var known = project.Sources.SelectMany(s => s.Tables.Select(t => $"source.{s.Name.Value}.{t.Name.Value}"))
                .Concat(project.Seeds.Select(s => $"seed.{s.Name}")).Order(StringComparer.Ordinal).ToList();
            bag.Error(DiagnosticCodes.DeployUnknownStreamInput, input.Span,
                $"deploy.when_stream_has_data names '{input.Value}', which is no source table or seed of this project",
                known.Count == 0 ? "this project has no sources or seeds" : "known inputs: " + string.Join(", ", known));
            return null;
        }
        return (relations.Model("pipes_stream_" + name), table);
    }
}

/// <summary>One DDL statement of a deploy and what it creates, e.g. ("procedure", CREATE OR REPLACE PROCEDURE ...).</summary>
public sealed record DeployStatement(string What, string Sql);
