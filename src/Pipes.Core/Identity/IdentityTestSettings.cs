namespace Pipes.Core.Identity;

/// <summary>Thresholds of the built-in identity tests (<c>identity_tests:</c>); defaults suit most B2B projects.</summary>
public sealed record IdentityTestSettings
{
    /// <summary>A profile with more identifiers than this is a warning (a household, a shared inbox?).</summary>
    public int MaxProfileSizeWarn { get; init; } = 50;

    /// <summary>A profile with more identifiers than this fails the build: stitching has run away.</summary>
    public int MaxProfileSizeError { get; init; } = 500;

    /// <summary>The least share of observations that must be valid and land on a profile.</summary>
    public double MinResolvedShare { get; init; } = 0.5;
}
