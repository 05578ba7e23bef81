namespace Pipes.Tests.Identity;

/// <summary>An edge refused by the procedure of section 6 and the type whose limit it would break (first in priority order).</summary>
public sealed record OracleRefusal(long FromKey, long ToKey, string LimitType);
