namespace Pipes.Tests.Identity;

/// <summary>Dropped observations of one type for one reason (section 2), with up to 3 distinct raw samples in UTF-8 byte order (null first).</summary>
public sealed record OracleInvalid(string Type, string Reason, int Count, IReadOnlyList<string?> Samples);
