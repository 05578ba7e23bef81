namespace Pipes.Core.Compile;

/// <summary>
/// A query the runner runs after a node succeeded; each non-empty text in the first column of its rows is added to
/// the node's message, so a finding the SQL made (the identity rules changed, profiles merged) is never silent.
/// </summary>
public sealed record NodeNote(string Query);
