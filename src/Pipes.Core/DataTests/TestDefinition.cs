
namespace Pipes.Core.DataTests;

/// <summary>
/// One test node: a declared data test, or a built-in identity test (<see cref="Builtin"/> set, e.g.
/// <c>identity_limits</c>). <see cref="Parents"/> are the nodes whose tables it reads.
/// </summary>
public sealed record TestDefinition(string Name, DataTestSpec? Spec, string? Builtin, string Severity, IReadOnlyList<string> Parents, string Path);
