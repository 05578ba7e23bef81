using System.Text.Json;
using Pipes.Core.Run;

namespace Pipes.Core.Artifacts;

/// <summary>The run summary as the <c>summary</c> object of run_results.json.</summary>
public static class RunSummaryJson
{
    public static void Write(Utf8JsonWriter w, RunSummary s)
    {
        w.WriteStartObject("summary");
        w.WriteNumber("observations", s.Observations);
        w.WriteStartArray("invalid");
        foreach (var (type, reason, count) in s.Invalid)
        {
            w.WriteStartObject();
            w.WriteString("id_type", type);
            w.WriteString("reason", reason);
            w.WriteNumber("observations", count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("identifiers", s.Identifiers);
        w.WriteNumber("edges", s.Edges);
        w.WriteNumber("shared_identifiers", s.SharedIdentifiers);
        w.WriteNumber("profiles", s.Profiles);
        w.WriteStartArray("largest_profiles");
        foreach (var (id, type, value, size) in s.LargestProfiles)
        {
            w.WriteStartObject();
            w.WriteString("profile_id", id);
            w.WriteString("canonical", $"{type}:{value}");
            w.WriteNumber("identifiers", size);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("refused_edges", s.RefusedEdges);
        w.WriteNumber("rounds", s.Rounds);
        w.WriteStartArray("property_rejects");
        foreach (var (model, column, reason, count) in s.Rejects)
        {
            w.WriteStartObject();
            w.WriteString("model", model);
            w.WriteString("column", column);
            w.WriteString("reason", reason);
            w.WriteNumber("values", count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("property_unmatched_rows");
        foreach (var (model, rows) in s.Unmatched) w.WriteNumber(model, rows);
        w.WriteEndObject();
        w.WriteStartObject("pushes");
        foreach (var (destination, counts) in s.Pushes)
        {
            w.WriteStartObject(destination);
            foreach (var (key, value) in counts) w.WriteNumber(key, value);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartObject("outputs");
        foreach (var o in s.Outputs)
        {
            w.WriteStartObject(o.Table);
            w.WriteNumber("inserted", o.Inserted);
            w.WriteNumber("updated", o.Updated);
            w.WriteNumber("deleted", o.Deleted);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
