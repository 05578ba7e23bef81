namespace Pipes.Bench.SampleData;

public static partial class SampleDataGenerator
{
    private static readonly string[] EventHeader = ["event_id", "event_time", "event_type", "user_id", "device_id", "platform", "user_properties", "amplitude_id"];
    private static readonly string[] MergedIdsHeader = ["amplitude_id", "merged_amplitude_id", "merge_event_time", "merge_server_time"];
    private static readonly string[] LoggedInEvents = ["page_view", "page_view", "page_view", "feature_used", "feature_used", "search", "invite_sent", "checkout", "logout"];
    private static readonly string[] AnonymousEvents = ["page_view", "page_view", "page_view", "pricing_viewed", "signup_started"];
    private static readonly string[] Platforms = ["web", "web", "web", "ios", "android"];
    private static readonly string[] UtmSources = ["google", "linkedin", "newsletter", "g2"];

    /// <summary>Placeholder device ids that SDKs send when the real one is unavailable; shared by many users.</summary>
    public static readonly string[] PlaceholderDevices = ["00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff"];

    private sealed record EventRow(DateTime Time, string Type, string? UserId, string DeviceId, string Platform, string Properties, long AmplitudeId);

    private sealed record MergeRow(long AmplitudeId, long MergedAmplitudeId, DateTime At);

    /// <summary>
    /// Amplitude ids follow Amplitude's own model without drawing from <paramref name="rng"/> (so the other columns
    /// stay as they were): each member has one, each anonymous device history its own; the history of a device that
    /// logs in is merged into the member's id at the login, and a few never-login devices were merged by Amplitude
    /// into a member (a login outside this export): those merges are the only link between the two in the warehouse.
    /// </summary>
    private static void WriteEvents(string path, string mergedIdsPath, SampleWorld world, Random rng)
    {
        var events = new List<EventRow>();
        var merges = new List<MergeRow>();
        var memberNumbers = world.Members.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i);
        long MemberAmplitudeId(SamplePerson person) => 100_000_000_000 + memberNumbers[person];
        var from = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2026, 3, 31, 23, 0, 0, DateTimeKind.Utc);
        var active = world.Members.Where(_ => rng.NextDouble() < 0.7).ToList();

        foreach (var person in active)
        {
            var platforms = person.Devices.Select(_ => Pick(rng, Platforms)).ToList();
            var firstLogin = RandomTime(rng, from, to.AddDays(-10));

            // Anonymous browsing on the first device, then a login (or sign-up) on that same device.
            var amplitudeId = MemberAmplitudeId(person);
            if (rng.NextDouble() < 0.4)
            {
                var deviceAmplitudeId = 300_000_000_000 + merges.Count;
                merges.Add(new(amplitudeId, deviceAmplitudeId, firstLogin));
                var anonymous = rng.Next(1, 4);
                for (var a = 0; a < anonymous; a++)
                {
                    var props = rng.NextDouble() < 0.5 ? "{}" : JsonObject(("utm_source", Pick(rng, UtmSources)));
                    events.Add(new(firstLogin.AddMinutes(-(anonymous - a) * rng.Next(2, 40)), Pick(rng, AnonymousEvents), null, person.Devices[0], platforms[0], props, deviceAmplitudeId));
                }
            }

            events.Add(new(firstLogin, rng.NextDouble() < 0.3 ? "sign_up" : "login", person.UserId, person.Devices[0], platforms[0], UserProperties(rng, person), amplitudeId));
            var count = rng.Next(2, 9);
            for (var e = 0; e < count; e++)
            {
                var d = rng.Next(person.Devices.Count);
                var type = Pick(rng, LoggedInEvents);
                events.Add(new(RandomTime(rng, firstLogin, to), type, person.UserId, person.Devices[d], platforms[d], UserProperties(rng, person), amplitudeId));
            }
        }

        // Anonymous devices that never log in.
        for (var i = 0; i < 130; i++)
        {
            var device = SampleWorldBuilder.DeviceId(rng);
            var platform = Pick(rng, Platforms);
            var start = RandomTime(rng, from, to);
            var deviceAmplitudeId = 200_000_000_000 + i;
            for (var e = rng.Next(1, 5); e > 0; e--)
            {
                events.Add(new(start.AddMinutes(e * rng.Next(1, 30)), Pick(rng, AnonymousEvents), null, device, platform, rng.NextDouble() < 0.7 ? "{}" : JsonObject(("utm_source", Pick(rng, UtmSources))), deviceAmplitudeId));
            }
            if (i % 26 == 0) merges.Add(new(MemberAmplitudeId(active[i * 7 % active.Count]), deviceAmplitudeId, start.AddDays(1)));
        }

        // Shared kiosk devices (trade-show iPads, a reception desktop): 30+ users each.
        foreach (var (kiosk, platform) in new[] { ("d3b07384-d113-4ec6-a3b5-00000ff1ce01", "ios"), ("d3b07384-d113-4ec6-a3b5-00000ff1ce02", "web") })
        {
            foreach (var person in active.OrderBy(_ => rng.Next()).Take(rng.Next(32, 41)).ToList())
            {
                var at = RandomTime(rng, from, to);
                events.Add(new(at, "login", person.UserId, kiosk, platform, UserProperties(rng, person), MemberAmplitudeId(person)));
                events.Add(new(at.AddMinutes(rng.Next(1, 15)), Pick(rng, LoggedInEvents), person.UserId, kiosk, platform, UserProperties(rng, person), MemberAmplitudeId(person)));
            }
        }

        // Placeholder device ids reported by broken SDK builds.
        for (var i = 0; i < 30; i++)
        {
            var person = Pick(rng, active);
            events.Add(new(RandomTime(rng, from, to), Pick(rng, LoggedInEvents), person.UserId, PlaceholderDevices[i % 3 == 2 ? 1 : 0], "android", UserProperties(rng, person), MemberAmplitudeId(person)));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var rows = events.OrderBy(e => e.Time).ThenBy(e => e.DeviceId, StringComparer.Ordinal).ThenBy(e => e.UserId, StringComparer.Ordinal)
            .Select(e => (IReadOnlyList<string>)[EventId(rng, ids), Iso(e.Time), e.Type, e.UserId ?? "", e.DeviceId, e.Platform, e.Properties, Id(e.AmplitudeId)])
            .ToList();
        CsvFile.Write(path, EventHeader, rows);

        // Amplitude records the merge when its servers see the login, a few seconds after the event.
        var mergeRows = merges.OrderBy(m => m.At).ThenBy(m => m.MergedAmplitudeId)
            .Select(m => (IReadOnlyList<string>)[Id(m.AmplitudeId), Id(m.MergedAmplitudeId), Iso(m.At), Iso(m.At.AddSeconds(7))])
            .ToList();
        CsvFile.Write(mergedIdsPath, MergedIdsHeader, mergeRows);
    }

    private static string Id(long amplitudeId) => amplitudeId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string UserProperties(Random rng, SamplePerson person)
    {
        var plan = person.Accounts[0].Customers.FirstOrDefault()?.Plan ?? "free";
        var roll = rng.NextDouble();
        return roll switch
        {
            < 0.62 => JsonObject(("email", CaseVariant(rng, person.WorkEmail)), ("plan", plan)),
            < 0.70 when person.PersonalEmail is not null => JsonObject(("email", CaseVariant(rng, person.PersonalEmail)), ("plan", plan), ("locale", "en-US")),
            < 0.85 => JsonObject(("plan", plan), ("company", person.Accounts[0].Domain)),
            _ => "{}",
        };
    }

    private static string EventId(Random rng, HashSet<string> ids)
    {
        string id;
        do
        {
            id = SampleWorldBuilder.DeviceId(rng);
        }
        while (!ids.Add(id));
        return id;
    }
}
