using FsCheck;
using FsCheck.Fluent;
using Pipes.Core.Identity;

namespace Pipes.Tests.Identity;

/// <summary>
/// FsCheck generators of small random inputs: few values per type so rows collide into real graphs, case
/// variants and placeholders mixed in, tight limits so the ordered split has work to do.
/// </summary>
public static class RandomIdentityRows
{
    /// <summary>
    /// Standard types with tighter limits, device max_links 1 user id, cookie max_links 2 emails, and "cookie" sharing device_id's priority
    /// (so type-name tie breaks are exercised).
    /// </summary>
    public static IdentityRules Rules { get; } = new()
    {
        Types =
        [
            new IdTypeRule { Name = "user_id", Priority = 1, Limit = 1 },
            new IdTypeRule { Name = "email", Priority = 2, Limit = 2, Normalizers = [IdNormalizer.Lowercase] },
            new IdTypeRule { Name = "device_id", Priority = 3, Limit = 2, MaxLinks = new Dictionary<string, int> { ["user_id"] = 1 } },
            new IdTypeRule { Name = "cookie", Priority = 3, Limit = 3, MaxLinks = new Dictionary<string, int> { ["email"] = 2 } },
            new IdTypeRule { Name = "anon_id", Priority = 4 },
        ],
    };

    private static readonly string[] Types = ["user_id", "email", "device_id", "cookie", "anon_id"];

    private static Gen<RawId> Id =>
        from type in Gen.Elements(Types)
        from number in Gen.Choose(0, 6)
        from upper in Gen.Elements(false, false, true)
        from junk in Gen.Choose(0, 15)
        select new RawId(type, junk switch
        {
            0 => "N/A",
            1 => null,
            _ => upper ? $"{type[..1].ToUpperInvariant()}{number}" : $"{type[..1]}{number}",
        });

    private static Gen<IdentityRow> Row =>
        from ids in Gen.Choose(1, 4).SelectMany(k => Gen.ListOf(Id, k))
        from day in Gen.Choose(-1, 4)
        from key in Gen.Choose(0, 1_000_000)
        select new IdentityRow("random", $"r{key}", day < 0 ? null : new DateTime(2024, 1, 1).AddDays(day), ids.ToList());

    /// <summary>Up to 30 rows; a failure shrinks by dropping rows one at a time.</summary>
    public static Arbitrary<IdentityRow[]> Rows { get; } =
        Arb.From(Gen.Choose(0, 30).SelectMany(n => Gen.ArrayOf(Row, n)), WithoutOneRow);

    private static IEnumerable<IdentityRow[]> WithoutOneRow(IdentityRow[] rows) =>
        Enumerable.Range(0, rows.Length).Select(i => rows.Where((_, j) => j != i).ToArray());

    /// <summary>Rows together with a seed for reordering them.</summary>
    public static Arbitrary<(IdentityRow[] Rows, int Seed)> RowsAndSeed { get; } =
        Gen.Zip(Gen.Choose(0, 30).SelectMany(n => Gen.ArrayOf(Row, n)), Gen.Choose(0, int.MaxValue)).ToArbitrary();
}
