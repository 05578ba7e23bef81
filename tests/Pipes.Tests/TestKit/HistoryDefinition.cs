namespace Pipes.Tests.TestKit;

/// <summary>docs/identity.md, History, written out independently of the SQL: the expected events of one run.</summary>
public static class HistoryDefinition
{
    /// <summary>The events ("kind old new count", sorted) from the old and new (identifier to profile id) maps.</summary>
    public static List<string> Events(Dictionary<string, string> old, Dictionary<string, string> next)
    {
        var moves = old.Keys.Union(next.Keys)
            .GroupBy(id => (Old: old.GetValueOrDefault(id), New: next.GetValueOrDefault(id)))
            .Select(g => (g.Key.Old, g.Key.New, Count: g.LongCount())).ToList();
        var targets = moves.Where(m => m.Old is not null).GroupBy(m => m.Old!).ToDictionary(g => g.Key, g => g.Count(m => m.New is not null));
        var sources = moves.Where(m => m.New is not null).GroupBy(m => m.New!).ToDictionary(g => g.Key, g => g.Count(m => m.Old is not null));
        var events = new List<string>();
        foreach (var (o, n, count) in moves)
        {
            string? kind = o is null ? (sources[n!] == 0 ? "created" : null)
                : n is null ? (targets[o] == 0 ? "removed" : null)
                : targets[o] >= 2 ? "split"
                : n == o ? null
                : sources[n] >= 2 ? "merged" : "rekeyed";
            if (kind is not null) events.Add($"{kind} {o ?? "-"} {n ?? "-"} {count}");
        }
        return events.Order(StringComparer.Ordinal).ToList();
    }
}
