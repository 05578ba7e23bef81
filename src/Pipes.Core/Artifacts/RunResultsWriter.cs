using System.Text.Json;
using Pipes.Core.Run;

namespace Pipes.Core.Artifacts;

/// <summary>Writes <c>target/run_results.json</c> in dbt's shape; the only artifact with a clock in it.</summary>
public static class RunResultsWriter
{
    public static byte[] Write(string command, string invocationId, DateTimeOffset generatedAt, TimeSpan elapsed, IReadOnlyList<RunResult> results, RunSummary? summary = null, RunArgs? args = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("metadata");
            w.WriteString("pipes_version", PipesVersion.Current);
            w.WriteString("generated_at", generatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("invocation_id", invocationId);
            w.WriteString("command", command);
            w.WriteEndObject();
            if (args is not null) WriteArgs(w, command, args);
            w.WriteStartArray("results");
            foreach (var r in results)
            {
                w.WriteStartObject();
                w.WriteString("unique_id", r.NodeId);
                var isTest = r.Failures is not null;
                w.WriteString("status", r.Status switch
                {
                    RunStatus.Success => isTest ? "pass" : "success",
                    RunStatus.Error => "error",
                    RunStatus.Warn => "warn",
                    RunStatus.Fail => "fail",
                    _ => "skipped",
                });
                if (r.Failures is { } failures) w.WriteNumber("failures", failures);
                w.WriteNumber("execution_time", Math.Round(r.Elapsed.TotalSeconds, 3));
                w.WriteStartObject("adapter_response");
                if (r.Rows is { } rows) w.WriteNumber("rows_affected", rows); else w.WriteNull("rows_affected");
                if (r.QueryId is null) w.WriteNull("query_id"); else w.WriteString("query_id", r.QueryId);
                foreach (var (key, count) in r.Counts ?? []) w.WriteNumber(key, count);
                w.WriteEndObject();
                w.WriteString("message", r.Error?.ToString() ?? r.Message);
                if (r.Sample.Count > 0)
                {
                    w.WriteStartArray("sample");
                    foreach (var row in r.Sample) w.WriteStringValue(row);
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("elapsed_time", Math.Round(elapsed.TotalSeconds, 3));
            if (summary is not null) RunSummaryJson.Write(w, summary);
            w.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void WriteArgs(Utf8JsonWriter w, string command, RunArgs args)
    {
        w.WriteStartObject("args");
        w.WriteString("which", command);
        w.WriteStartArray("select");
        foreach (var s in args.Select) w.WriteStringValue(s);
        w.WriteEndArray();
        w.WriteStartArray("exclude");
        foreach (var s in args.Exclude) w.WriteStringValue(s);
        w.WriteEndArray();
        w.WriteString("target", args.Target);
        if (args.Vars is null) w.WriteNull("vars"); else w.WriteString("vars", args.Vars);
        w.WriteBoolean("full_refresh", args.FullRefresh);
        w.WriteBoolean("fail_fast", args.FailFast);
        if (args.Push is { } push)
        {
            if (push.Destination is null) w.WriteNull("destination"); else w.WriteString("destination", push.Destination);
            w.WriteBoolean("dry_run", push.DryRun);
            w.WriteBoolean("full_resync", push.FullResync);
        }
        w.WriteEndObject();
    }
}
