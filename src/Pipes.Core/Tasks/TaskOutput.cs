using System.Globalization;
using System.Text.Json;
using Pipes.Core.Diagnostics;
using Pipes.Core.Run;

namespace Pipes.Core.Tasks;

/// <summary>
/// Everything a command prints: plain lines for people, or one JSON object per line with --log-format json. Every
/// line also goes to the run log when one is attached (<see cref="Log"/>). Writes are serialised: the live counter
/// (<see cref="TaskOutput.Progress"/>) writes from a timer.
/// </summary>
public sealed partial class TaskOutput(TextWriter stdout, TextWriter stderr, bool json) : IRunReporter
{
    private readonly Lock _gate = new();

    public bool Json => json;

    /// <summary>ANSI colours on status words (the CLI sets it for a terminal, unless --no-color or NO_COLOR).</summary>
    public bool Color { get; init; }

    /// <summary>The output is a terminal: a long node shows a live elapsed counter instead of a line every <see cref="Heartbeat"/>.</summary>
    public bool Live { get; init; }

    /// <summary>How long a node runs before progress about it is printed, and how often after that when not <see cref="Live"/>.</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(5);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary><c>target/pipes.log</c> while a run writes it; null otherwise.</summary>
    public RunLog? Log { get; set; }

    public void Info(string message, params (string Key, object? Value)[] fields)
    {
        Log?.Info(message);
        if (json) WriteJson(stdout, "info", message, fields);
        else Line(stdout, message);
    }

    /// <summary>Data a command was asked to print (pipes show, pipes ls --output json): written as it is, whatever the log format.</summary>
    public void Data(string text) => stdout.WriteLine(text);

    /// <summary>One error line on stderr (a failed step that is not a project-file problem).</summary>
    public void Error(string message, params (string Key, object? Value)[] fields)
    {
        Log?.Error(message);
        if (json) WriteJson(stderr, "error", message, fields);
        else Line(stderr, message);
    }

    /// <summary>One line, after clearing the live counter's line (which the next tick redraws).</summary>
    private void Line(TextWriter writer, string text)
    {
        lock (_gate)
        {
            ClearLive();
            writer.WriteLine(text);
        }
    }

    private string Paint(string text, string code) => Color ? $"\u001b[{code}m{text}\u001b[0m" : text;

    public void Diagnostics(DiagnosticBag bag)
    {
        foreach (var d in bag.Sorted())
        {
            if (json) WriteJson(stderr, d.Severity == Severity.Error ? "error" : "warning", d.Message,
                ("code", d.Code), ("file", d.Span.File), ("line", d.Span.Line), ("column", d.Span.Column), ("hint", d.Hint));
            else Line(stderr, d.ToString());
        }
        var errors = bag.Items.Count(d => d.Severity == Severity.Error);
        if (errors > 0 && !json) Line(stderr, $"{errors} error{(errors == 1 ? "" : "s")}; nothing was run.");
    }

    /// <summary>dbt's START line: <c>3 of 30 START view model "main"."stg_events" .... [RUN]</c>.</summary>
    public void Started(int index, int total, string nodeId, string description)
    {
        Log?.Info($"{index} of {total} START {nodeId} ({description})");
        Track(index, nodeId);
        if (json)
        {
            WriteJson(stdout, "info", "node started", ("event", "node_started"), ("node", nodeId), ("index", index), ("total", total));
            return;
        }
        var width = total.ToString(CultureInfo.InvariantCulture).Length;
        var left = $"{index.ToString(CultureInfo.InvariantCulture).PadLeft(width)} of {total} START {description} ";
        Line(stdout, $"{left.PadRight(56, '.')} [RUN]");
    }

    public void Ended(int index, int total, RunResult result) => Untrack(index);

    public void Finished(int index, int total, RunResult r)
    {
        Untrack(index);
        Log?.Info($"{index} of {total} {r.Status.ToString().ToUpperInvariant()} {r.NodeId} in {r.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)}s" +
                  $"{(r.Rows is { } logged ? $", {logged} rows" : "")}{(r.QueryId is null ? "" : ", query id " + r.QueryId)}: {r.Error?.ToString() ?? r.Message}");
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
        var colour = r.Status switch
        {
            RunStatus.Success => "32",
            RunStatus.Error or RunStatus.Fail => "31",
            _ => "33",
        };
        var line = $"{left.PadRight(56, '.')} [{rows,12} in {r.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)}s]";
        // Only the status word is painted, so the plain text (and its padding) is the same with and without colour.
        var statusAt = left.IndexOf($" {status} ", StringComparison.Ordinal) + 1;
        lock (_gate)
        {
            ClearLive();
            stdout.WriteLine(line[..statusAt] + Paint(status, colour) + line[(statusAt + status.Length)..]);
            if (r.Error is not null) stderr.WriteLine("  " + r.Error);
            else if (r.Status == RunStatus.Skipped) stdout.WriteLine("  " + r.Message);
            foreach (var row in r.Sample) stdout.WriteLine("    " + row);
            foreach (var note in r.Notes) stdout.WriteLine("  " + note);
        }
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
        lock (_gate) WriteSummary(s);
    }

    private void WriteSummary(RunSummary s)
    {
        ClearLive();
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

    private void WriteJson(TextWriter writer, string level, string message, params (string Key, object? Value)[] fields)
    {
        lock (_gate) WriteJsonLocked(writer, level, message, fields);
    }

    private void WriteJsonLocked(TextWriter writer, string level, string message, params (string Key, object? Value)[] fields)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            // When the line was written, UTC with milliseconds (dbt's "ts").
            w.WriteString("ts", Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
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
