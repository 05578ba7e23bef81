using Pipes.Core.Diagnostics;

namespace Pipes.Core.Identity;

/// <summary>The validated identity rules of a project and every relation that feeds them, in ordinal label order.</summary>
public sealed record IdentityProject(IdentityRules Rules, IReadOnlyList<IdentityInput> Inputs, SourceSpan Span);
