namespace Pipes.Core.Load;

/// <summary>An <c>exclude:</c> item: an exact value, or <c>{regex: ...}</c> matching the whole value.</summary>
public sealed record ExclusionSpec(Located<string> Value, bool IsRegex);
