namespace Pipes.Core.Dialects;

/// <summary>Finds the dialect for a profile output's <c>type</c>.</summary>
public static class DialectRegistry
{
    private static readonly Dictionary<string, Dialect> ByName = new(StringComparer.Ordinal)
    {
        [DuckDbDialect.Instance.Name] = DuckDbDialect.Instance,
        [SnowflakeDialect.Instance.Name] = SnowflakeDialect.Instance,
    };

    public static IReadOnlyCollection<string> Names => ByName.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList();

    public static Dialect? Find(string type) => ByName.GetValueOrDefault(type);
}
