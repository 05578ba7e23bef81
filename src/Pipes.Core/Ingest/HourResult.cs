namespace Pipes.Core.Ingest;

/// <summary>One hour ingested: <c>loaded</c> (with its files and events) or <c>no_data</c> (the Export API's 404).</summary>
public sealed record HourResult(DateTime Hour, string Status, int Files, long Events, long ArchiveBytes, int Requests);
