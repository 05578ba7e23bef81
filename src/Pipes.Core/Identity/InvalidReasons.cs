namespace Pipes.Core.Identity;

/// <summary>
/// Why an observation was dropped (section 2), as written to the audit table; templates/identity/prepare.sql.scriban
/// writes them as <c>invalid_reason.&lt;name&gt;</c> from this list. An observation gets the first reason that applies, in
/// the order prepare.sql checks them (<see cref="NotAnArray"/> first, then the order of <see cref="InOrder"/>).
/// </summary>
public static class InvalidReasons
{
    public const string NullOrEmpty = "null_or_empty";
    public const string TooShort = "too_short";
    public const string TooLong = "too_long";
    public const string PatternMismatch = "pattern_mismatch";

    /// <summary>Matched a type or global exclusion of the project.</summary>
    public const string Excluded = "excluded";

    /// <summary>Matched a built-in placeholder (<see cref="IdentityPlaceholders"/>).</summary>
    public const string Placeholder = "placeholder";

    /// <summary>
    /// The value of an <c>each: true</c> column is not a JSON array (an object, a scalar, text that is not JSON): one
    /// observation of the column's text, on every engine alike (docs/identity.md, "Array columns"). Checked first.
    /// </summary>
    public const string NotAnArray = "not_an_array";

    /// <summary>Every reason; its position is the audit's <c>reason_order</c> (prepare_graph.sql.scriban).</summary>
    public static IReadOnlyList<string> InOrder { get; } =
        [NullOrEmpty, TooShort, TooLong, PatternMismatch, Excluded, Placeholder, NotAnArray];
}
