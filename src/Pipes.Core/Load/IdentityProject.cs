using Pipes.Core.Diagnostics;
using Pipes.Core.Identity;

namespace Pipes.Core.Load;

/// <summary>The validated identity rules of a project and every relation that feeds them, in ordinal label order.</summary>
public sealed record IdentityProject(IdentityRules Rules, IReadOnlyList<IdentityInput> Inputs, SourceSpan Span);
