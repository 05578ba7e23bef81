using System.Text.Json.Nodes;

namespace Pipes.Tests.TestKit;

/// <summary>
/// A scripted reply of <see cref="AmplitudeServer"/> for the next request. Status 0 means "handle normally"
/// (after <see cref="Delay"/>); a <see cref="Body"/> function sees the request's events to name indexes and ids.
/// </summary>
public sealed record AmplitudeStep(int Status, Func<JsonArray, string?>? Body = null, bool Abort = false, TimeSpan Delay = default, bool IngestFirst = false)
{
    public static AmplitudeStep Reply(int status, string? body = null) => new(status, _ => body ?? Code(status));

    /// <summary>Ingest the events, then answer an error anyway (a 500/502/504 after the write).</summary>
    public static AmplitudeStep IngestThenReply(int status) => new(status, _ => Code(status), IngestFirst: true);

    /// <summary>Drop the connection without an answer.</summary>
    public static AmplitudeStep Drop() => new(0, Abort: true);

    /// <summary>Answer normally, late.</summary>
    public static AmplitudeStep Slow(TimeSpan delay) => new(0, Delay: delay);

    /// <summary>429 naming throttled users/devices (and their event indexes) and daily-quota ones, as documented.</summary>
    public static AmplitudeStep Throttle(string[]? users = null, string[]? devices = null, string[]? quotaUsers = null, string[]? quotaDevices = null) =>
        new(429, events =>
        {
            users ??= []; devices ??= []; quotaUsers ??= []; quotaDevices ??= [];
            var indexes = new JsonArray();
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i]!;
                if (users.Contains((string?)e["user_id"]) || devices.Contains((string?)e["device_id"])) indexes.Add(i);
            }
            return new JsonObject
            {
                ["code"] = 429,
                ["error"] = "Too many requests for some devices and users",
                ["eps_threshold"] = 1000,
                ["throttled_devices"] = Map(devices, 1001),
                ["throttled_users"] = Map(users, 1001),
                ["throttled_events"] = indexes,
                ["exceeded_daily_quota_users"] = Map(quotaUsers, 500_001),
                ["exceeded_daily_quota_devices"] = Map(quotaDevices, 500_001),
            }.ToJsonString();
        });

    private static JsonObject Map(string[] ids, int value) => new(ids.Select(id => KeyValuePair.Create(id, (JsonNode?)value)));

    private static string Code(int status) => new JsonObject { ["code"] = status, ["error"] = $"HTTP {status}" }.ToJsonString();
}
