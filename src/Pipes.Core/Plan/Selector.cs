namespace Pipes.Core.Plan;

/// <summary>One selection term: <c>name</c>, <c>+name</c>, <c>name+</c>, <c>tag:x</c>, <c>path:dir</c>, <c>source:x</c>.</summary>
public sealed record Selector(string Text, string Method, string Value, bool Parents, bool Children);
