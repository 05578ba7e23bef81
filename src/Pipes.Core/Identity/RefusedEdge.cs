namespace Pipes.Core.Identity;

/// <summary>
/// An edge the ordered procedure refused (section 6): <see cref="FromKey"/> &lt; <see cref="ToKey"/>, and the
/// type whose limit joining would break. When several limits would break, the first type in priority order
/// (<see cref="IdentityRules.TypesInPriorityOrder"/>) is named.
/// </summary>
public sealed record RefusedEdge(long FromKey, long ToKey, string LimitType);
