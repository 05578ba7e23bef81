namespace Pipes.Core.Push;

/// <summary>
/// One row of the pending snapshot: the push relation's row with ids already cleaned (null when Amplitude would
/// refuse them), its dense position <c>seq</c> in the snapshot, its identity key, its rank among rows sharing that key, and what was last pushed for the key.
/// A <see cref="Vanished"/> row is an identity of the state that left the push relation: empty properties, no profile.
/// </summary>
/// <param name="Generation">Events sent so far for the identity; the next one is <c>Generation + 1</c>.</param>
/// <param name="Uncertain">The identity's last delivery may or may not have reached Amplitude.</param>
/// <param name="PushedKeys">JSON array of every key Amplitude may hold for the identity, while uncertain.</param>
/// <param name="InsertId">The id of the event this run sends for the row, computed by the warehouse (<c>push/_insert_id.sql.scriban</c>).</param>
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
    string? PushedProperties,
    long Generation = 0,
    bool Uncertain = false,
    string? PushedKeys = null,
    bool Vanished = false,
    string? InsertId = null);
