namespace Pipes.Core.Dialects;

public abstract partial class Dialect
{
    /// <summary>
    /// A seed's staged text to its portable type, failing on a bad value (the seed load then finds its CSV line through
    /// <see cref="TrySeedCast"/>). A datetime in <see cref="DatetimePattern"/> form lands as its UTC instant, the offset
    /// applied as <see cref="CoerceDatetime"/> does: a plain cast to TIMESTAMP or TIMESTAMP_NTZ would drop it.
    /// </summary>
    public string SeedCast(string expression, string portableType) => SeedConversion(expression, portableType, CastText(expression, portableType));

    /// <summary><see cref="SeedCast"/>, but NULL where it fails.</summary>
    public string TrySeedCast(string expression, string portableType) => SeedConversion(expression, portableType, SafeCast(expression, portableType));

    // Other datetime text, and ISO text naming no such date, goes to the engine's cast, which refuses what it cannot read.
    private string SeedConversion(string expression, string portableType, string cast) => portableType == "datetime"
        ? $"COALESCE((CASE WHEN {RegexFullMatch(expression, DatetimePattern, false)} THEN {ConvertIsoDatetime(expression)} END), {cast})"
        : cast;
}
