using Pipes.Core.Identity;

namespace Pipes.Tests.Identity;

/// <summary>Rules used across the identity tests, and short builders for rows.</summary>
public static class TestRules
{
    /// <summary>user_id (1, limit 1), email (2, limit 3, lowercase), device_id (3, limit 50), anon_id (4, no limit).</summary>
    public static IdentityRules Standard(IReadOnlyDictionary<string, int>? deviceMaxLinks = null) => new()
    {
        Types =
        [
            new IdTypeRule { Name = "user_id", Priority = 1, Limit = 1 },
            new IdTypeRule { Name = "email", Priority = 2, Limit = 3, Normalizers = [IdNormalizer.Lowercase] },
            new IdTypeRule { Name = "device_id", Priority = 3, Limit = 50, MaxLinks = deviceMaxLinks ?? new Dictionary<string, int>() },
            new IdTypeRule { Name = "anon_id", Priority = 4 },
        ],
    };

    public static DateTime Day(int day) => new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(day);

    /// <summary>A row observed on <paramref name="day"/> (null: no observed_at) with "type:value" ids.</summary>
    public static IdentityRow Row(string key, int? day, params string[] ids) =>
        new("src", key, day is { } d ? Day(d) : null, ids.Select(Id).ToList());

    private static RawId Id(string typeAndValue)
    {
        var colon = typeAndValue.IndexOf(':');
        return new RawId(typeAndValue[..colon], typeAndValue[(colon + 1)..]);
    }
}
