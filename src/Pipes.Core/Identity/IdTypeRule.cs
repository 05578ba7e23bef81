namespace Pipes.Core.Identity;

/// <summary>
/// One identifier type (sections 2, 5 and 6). Lengths count characters (Unicode code points, as SQL
/// <c>length</c> does), after normalisation.
/// </summary>
public sealed record IdTypeRule
{
    public required string Name { get; init; }

    /// <summary>Lower is stronger: picks the row's hub (section 4) and orders edges (section 6).</summary>
    public required int Priority { get; init; }

    /// <summary>The most values of this type one profile may hold; null means no limit.</summary>
    public int? Limit { get; init; }

    /// <summary>Applied in order, after trimming spaces.</summary>
    public IReadOnlyList<IdNormalizer> Normalizers { get; init; } = [];

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    /// <summary>A regex the whole normalised value must match.</summary>
    public string? Pattern { get; init; }

    public IdExclusions Exclusions { get; init; } = IdExclusions.None;

    /// <summary>
    /// other type → n: a value of this type linked to more than n distinct values of the other type is
    /// shared and loses all its edges (section 5).
    /// </summary>
    public IReadOnlyDictionary<string, int> MaxLinks { get; init; } = new Dictionary<string, int>();
}
