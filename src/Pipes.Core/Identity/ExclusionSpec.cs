using Pipes.Core.Yaml;

namespace Pipes.Core.Identity;

/// <summary>An <c>exclude:</c> item: an exact value, or <c>{regex: ...}</c> matching the whole value.</summary>
public sealed record ExclusionSpec(Located<string> Value, bool IsRegex);
