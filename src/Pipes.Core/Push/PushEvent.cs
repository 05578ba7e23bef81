namespace Pipes.Core.Push;

/// <summary>One <c>$identify</c> event, serialised once (<see cref="Json"/>) so batches are sized by real bytes.</summary>
public sealed record PushEvent(
    string AmplitudeId,
    string ProfileId,
    string? UserId,
    string? DeviceId,
    string InsertId,
    string ContentHash,
    string Properties,
    ReadOnlyMemory<byte> Json);
