namespace Pipes.Tests.Identity;

/// <summary>One observation's identifier before normalisation: its type and the raw value cast to text (null allowed).</summary>
public sealed record RawId(string Type, string? Value);
