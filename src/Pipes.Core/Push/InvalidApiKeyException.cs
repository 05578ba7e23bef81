namespace Pipes.Core.Push;

/// <summary>Amplitude refused the destination's API key; the run stops. The message never contains the key.</summary>
public sealed class InvalidApiKeyException(string destination)
    : Exception($"Amplitude refused the API key of destination '{destination}' (400 Invalid API key); check the key and the region.")
{
    public string Destination { get; } = destination;
}
