using System.Globalization;
using System.Text.Json;
using Pipes.Core.Diagnostics;
using Pipes.Core.Run;

namespace Pipes.Core.Tasks;

/// <summary>Everything a command prints: plain lines for people, or one JSON object per line with --log-format json.</summary>
public sealed class TaskOutput(TextWriter stdout, TextWriter stderr, bool json) : IRunReporter
{
    public bool Json => json;

    public void Info(string message, params (string Key, object? Value)[] fields)
    {
        if (json) WriteJson(stdout, "info", message, fields);
        else stdout.WriteLine(message);
    }

    /// <summary>Data a command was asked to print (pipes show, pipes ls --output json): written as it is, whatever the log format.</summary>
    public void Data(string text) => stdout.WriteLine(text);

    /// <summary>One error line on stderr (a failed step that is not a project-file problem).</summary>
    public void Error(string message, params (string Key, object? Value)[] fields)
    {
        if (json) WriteJson(stderr, "error", message, fields);
        else stderr.WriteLine(message);
    }

    public void Diagnostics(DiagnosticBag bag)
    {
        foreach (var d in bag.Sorted())
        {
            if (json) WriteJson(stderr, d.Severity == Severity.Error ? "error" : "warning", d.Message,
                ("code", d.Code), ("file", d.Span.File), ("line", d.Span.Line), ("column", d.Span.Column), ("hint", d.Hint));
            else stderr.WriteLine(d.ToString());
        }
        var errors = bag.Items.Count(d => d.Severity == Severity.Error);
        if (errors > 0 && !json) stderr.WriteLine($"{errors} error{(errors == 1 ? "" : "s")}; nothing was run.");
    }

    public void Started(int index, int total, string nodeId, string description)
    {
        if (json) WriteJson(stdout, "info", "node started", ("event", "node_started"), ("node", nodeId), ("index", index), ("total", total));
    }

    public void Finished(int index, int total, RunResult r)
    {
        if (json)
        {
            WriteJson(stdout, r.Status is RunStatus.Error or RunStatus.Fail ? "error" : r.Status == RunStatus.Warn ? "warning" : "info", r.Error?.Message ?? r.Message,
                ("event", "node_finished"), ("node", r.NodeId), ("status", r.Status.ToString().ToLowerInvariant()),
                ("rows", r.Rows), ("seconds", Math.Round(r.Elapsed.TotalSeconds, 3)), ("index", index), ("total", total));
            return;
        }
        var status = r.Status switch
        {
            RunStatus.Success => r.Failures is null ? "OK" : "PASS",
            RunStatus.Error => "ERROR",
            RunStatus.Warn => "WARN",
            RunStatus.Fail => "FAIL",
            _ => "SKIP",
        };
        var rows = r.Failures is { } f ? f.ToString("N0", CultureInfo.InvariantCulture) + " failing"
            : r.Rows is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) + " rows"
            : r.Status == RunStatus.Success ? "view" : "";
        var width = total.ToString(CultureInfo.InvariantCulture).Length;
        var left = $"{index.ToString(CultureInfo.InvariantCulture).PadLeft(width)} of {total} {status,-5} {r.Kind,-6} {r.Name} ";
        stdout.WriteLine($"{left.PadRight(56, '.')} [{rows,12} in {r.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)}s]");
        if (r.Error is not null) stderr.WriteLine("  " + r.Error);
        else if (r.Status == RunStatus.Skipped) stdout.WriteLine("  " + r.Message);
        foreach (var row in r.Sample) stdout.WriteLine("    " + row);
        foreach (var note in r.Notes) stdout.WriteLine("  " + note);
    }

    /// <summary>The run summary as a compact table (text) or one <c>summary</c> event (JSON).</summary>
    public void Summary(RunSummary s)
    {
        if (json)
        {
            WriteJson(stdout, "info", "run summary", ("event", "summary"), ("observations", s.Observations), ("identifiers", s.Identifiers),
                ("edges", s.Edges), ("shared_identifiers", s.SharedIdentifiers), ("profiles", s.Profiles), ("refused_edges", s.RefusedEdges),
                ("rounds", s.Rounds), ("invalid", s.Invalid.Sum(i => i.Count)), ("property_rejects", s.Rejects.Sum(r => r.Count)),
                ("output_rows_written", s.Outputs.Sum(o => o.Inserted + o.Updated + o.Deleted)));
            return;
        }
        string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
        stdout.WriteLine();
        stdout.WriteLine("Summary");
        stdout.WriteLine($"  observations {N(s.Observations),12}   identifiers {N(s.Identifiers),10}   edges {N(s.Edges),10}   rounds {N(s.Rounds),4}");
        stdout.WriteLine($"  profiles     {N(s.Profiles),12}   shared ids  {N(s.SharedIdentifiers),10}   refused edges {N(s.RefusedEdges),6}");
        if (s.Invalid.Count > 0)
            stdout.WriteLine("  invalid      " + string.Join(", ", s.Invalid.Select(i => $"{i.Type} {i.Reason} {N(i.Count)}")));
        if (s.LargestProfiles.Count > 0)
            stdout.WriteLine("  largest      " + string.Join(", ", s.LargestProfiles.Select(p => $"{p.ProfileId} ({p.Type}:{p.Value}) {N(p.Identifiers)}")));
        foreach (var group in s.Rejects.GroupBy(r => r.Model))
            stdout.WriteLine($"  rejects      {group.Key}: " + string.Join(", ", group.Select(r => $"{r.Column} {N(r.Count)} ({r.Reason})")));
        foreach (var (model, rows) in s.Unmatched) stdout.WriteLine($"  unmatched    {model}: {N(rows)} rows whose key resolves to no profile");
        foreach (var o in s.Outputs)
            stdout.WriteLine($"  output       {o.Table}: {N(o.Inserted)} inserted, {N(o.Updated)} updated, {N(o.Deleted)} deleted");
        foreach (var (destination, counts) in s.Pushes)
            stdout.WriteLine($"  push         {destination}: " + string.Join(", ", counts.Where(c => c.Value > 0).Select(c => $"{c.Key} {N(c.Value)}")));
    }

    private static void WriteJson(TextWriter writer, string level, string message, params (string Key, object? Value)[] fields)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("level", level);
            w.WriteString("message", message);
            foreach (var (key, value) in fields)
            {
                w.WritePropertyName(key);
                JsonSerializer.Serialize(w, value);
            }
            w.WriteEndObject();
        }
        writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
