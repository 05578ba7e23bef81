using System.Text.Json;
using Pipes.Core.RulePlan;
using Pipes.Tests.TestKit;

namespace Pipes.Tests.RulePlan;

/// <summary>Runs <c>pipes plan</c> on a test project and reads what it wrote (target/plan.json, target/plan/identifiers.jsonl) and what the live schema holds.</summary>
public static class PlanRun
{
    public static (int ExitCode, string Stdout, string Stderr) Plan(TestProject project, bool apply = false, bool json = false) =>
        project.Invoke((o, output) => RulePlanTask.ExecuteAsync(o, apply, json, output, CancellationToken.None).GetAwaiter().GetResult());

    public static JsonElement Report(TestProject project) => JsonDocument.Parse(project.Read("target/plan.json")).RootElement;

    /// <summary>Every identifier the plan says would move, join or leave: <c>type:value old new</c>, sorted.</summary>
    public static List<string> Moves(TestProject project) =>
        project.Read("target/plan/identifiers.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => $"{e.GetProperty("id_type").GetString()}:{e.GetProperty("id_value").GetString()} {Text(e.GetProperty("old_profile_id"))} {Text(e.GetProperty("new_profile_id"))}")
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>The difference of two graphs (identifier to profile id), in the shape of <see cref="Moves"/>.</summary>
    public static List<string> Difference(Dictionary<string, string> old, Dictionary<string, string> next) =>
        old.Keys.Union(next.Keys).Where(id => old.GetValueOrDefault(id) != next.GetValueOrDefault(id))
            .Select(id => $"{id} {old.GetValueOrDefault(id) ?? "-"} {next.GetValueOrDefault(id) ?? "-"}")
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>The plan's profile events as history rows (<c>event old new identifiers</c>; a split gives one row per target), sorted.</summary>
    public static List<string> Events(TestProject project) =>
        project.Read("target/plan/profiles.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).SelectMany(EventRows).Order(StringComparer.Ordinal).ToList();

    public static IEnumerable<string> EventRows(JsonElement e)
    {
        var kind = e.GetProperty("event").GetString()!;
        JsonElement? from = e.GetProperty("from").ValueKind == JsonValueKind.Null ? null : e.GetProperty("from");
        var into = e.GetProperty("into").EnumerateArray().ToList();
        return kind switch
        {
            "created" => [$"created - {into[0].GetProperty("profile_id").GetString()} {into[0].GetProperty("identifiers").GetInt64()}"],
            "removed" => [$"removed {from!.Value.GetProperty("profile_id").GetString()} - {from.Value.GetProperty("identifiers").GetInt64()}"],
            _ => into.Select(t => $"{kind} {from!.Value.GetProperty("profile_id").GetString()} {t.GetProperty("profile_id").GetString()} {t.GetProperty("identifiers").GetInt64()}"),
        };
    }

    /// <summary>(type:value, profile_id) of every identifier in the live graph.</summary>
    public static async Task<Dictionary<string, string>> GraphAsync(TestProject project)
    {
        await using var db = DuckDb.Open(project);
        return (await db.QueryAsync("SELECT id_type || ':' || id_value, profile_id FROM main.pipes_id_graph")).ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
    }

    /// <summary>Every schema's base tables with a row count and an order-free hash of their rows: equal before and after means nothing was written.</summary>
    public static async Task<SortedDictionary<string, string>> ChecksumAsync(TestProject project)
    {
        await using var db = DuckDb.Open(project);
        var tables = await db.QueryAsync("SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' ORDER BY 1, 2");
        var sums = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in tables)
        {
            var name = $"\"{t[0]}\".\"{t[1]}\"";
            var row = (await db.QueryAsync($"SELECT COUNT(*), COALESCE(SUM(hash(x)), 0) FROM {name} AS x"))[0];
            sums[name] = $"{row[0]} {row[1]}";
        }
        return sums;
    }

    private static string Text(JsonElement e) => e.ValueKind == JsonValueKind.Null ? "-" : e.GetString()!;
}
