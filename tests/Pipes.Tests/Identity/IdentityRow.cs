namespace Pipes.Tests.Identity;

/// <summary>One source row as the identity layer sees it: where it came from, when, and its raw identifiers.</summary>
public sealed record IdentityRow(string Source, string RowKey, DateTime? ObservedAt, IReadOnlyList<RawId> Ids);
