namespace Pipes.Core.Push;

/// <summary>
/// One row of the pending snapshot: the push relation's row with ids already cleaned (null when Amplitude would
/// refuse them), its dense position <c>seq</c> in the snapshot, its identity key, its rank among rows sharing that key, and what was last pushed for the key.
/// </summary>
public sealed record PendingRow(
    long Seq,
    string ProfileId,
    string? UserId,
    string? DeviceId,
    string? AmplitudeId,
    string? RawId,
    long Rank,
    string Properties,
    string ContentHash,
    string? PushedHash,
    string? PushedProperties);
