namespace Pipes.Core.Ingest;

/// <summary>An hour that cannot be ingested (a refused range, bad credentials, a malformed archive); the message is for the user.</summary>
public sealed class IngestException(string message, Exception? inner = null) : Exception(message, inner);
