namespace Pipes.Core.Push;

/// <summary>Amplitude's data residency, which picks the ingestion host.</summary>
public enum AmplitudeRegion
{
    Us,
    Eu,
}
