namespace Pipes.Core.Push;

/// <summary>One <c>$identify</c> event, serialised once (<see cref="Json"/>) so batches are sized by real bytes; <see cref="Seq"/> ties it back to its snapshot row.</summary>
public sealed record PushEvent(
    long Seq,
    string AmplitudeId,
    string ProfileId,
    string? UserId,
    string? DeviceId,
    string InsertId,
    string ContentHash,
    string Properties,
    ReadOnlyMemory<byte> Json);
