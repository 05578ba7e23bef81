namespace Pipes.Tests.Identity;

/// <summary>
/// A profile (sections 6-8): its id and canonical member, how many values of each type it holds, the span of its
/// members' observations, and how Amplitude addresses it: its usable user ids, else its usable device ids
/// (<see cref="AmplitudeDeviceIds"/> is empty whenever a user id is usable), both in node order.
/// </summary>
public sealed record OracleProfile(
    string ProfileId,
    long CanonicalKey,
    string CanonicalType,
    string CanonicalValue,
    IReadOnlyDictionary<string, int> CountsByType,
    DateTime FirstSeen,
    DateTime LastSeen,
    IReadOnlyList<string> AmplitudeUserIds,
    IReadOnlyList<string> AmplitudeDeviceIds)
{
    public bool AddressableInAmplitude => AmplitudeUserIds.Count > 0 || AmplitudeDeviceIds.Count > 0;
}
